namespace Engine.Cluster.Leases;

/// <summary>The cluster as one node read it: the nodes whose lease was valid, and every shard's lease (index = shard id).</summary>
public sealed record ClusterView(IReadOnlyList<NodeLease> LiveNodes, IReadOnlyList<ShardLease> Shards, DateTimeOffset ReadAt)
{
    /// <summary>Per shard, its valid owner's node id or <c>null</c>: the input of the allocation strategy.</summary>
    public IReadOnlyList<string?> ValidOwners => Shards.Select(s => s.ValidOwner).ToArray();
}
