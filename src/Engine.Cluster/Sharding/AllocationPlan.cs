namespace Engine.Cluster.Sharding;

/// <summary>What the nodes should do this round to reach an even spread: hand off surplus shards, take free ones.</summary>
/// <param name="Releases">Shards an over-quota node hands off (stop its actors, then release the lease).</param>
/// <param name="Acquisitions">Free shards (unowned, released, or of a dead node) and the under-quota node that should take each.</param>
public sealed record AllocationPlan(IReadOnlyList<ShardMove> Releases, IReadOnlyList<ShardMove> Acquisitions)
{
    /// <summary>The shards <paramref name="node"/> should release, in order.</summary>
    public IEnumerable<int> ReleasesBy(string node) => Releases.Where(m => m.Node == node).Select(m => m.Shard);

    /// <summary>The shards <paramref name="node"/> should acquire, in order.</summary>
    public IEnumerable<int> AcquisitionsBy(string node) => Acquisitions.Where(m => m.Node == node).Select(m => m.Shard);
}
