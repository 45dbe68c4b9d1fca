namespace Engine.Cluster.Sharding;

/// <summary>
/// The allocation strategy, a pure function in the spirit of Akka's <c>LeastShardAllocationStrategy</c>: every
/// live node gets a quota of ⌊N/n⌋ shards, and the first N mod n nodes one more (those already holding the most
/// shards, then by id, so as few shards as possible move). A node above its quota releases its highest-numbered
/// surplus; each free shard, lowest first, goes to the node furthest below its quota (least shards first, then by id).
/// </summary>
/// <remarks>
/// Every node evaluates the same rows and so the same plan. Shards released in a round are not free yet, so
/// they are acquired in the next round; a joining node thus gets its share within two rounds.
/// </remarks>
public static class ShardAllocation
{
    /// <param name="liveNodes">The ids of the nodes whose lease is valid.</param>
    /// <param name="owners">Per shard (index = shard id), its owner, or <c>null</c> when it has none. An owner missing from <paramref name="liveNodes"/> counts as none.</param>
    public static AllocationPlan Plan(IReadOnlyCollection<string> liveNodes, IReadOnlyList<string?> owners)
    {
        ArgumentNullException.ThrowIfNull(liveNodes);
        ArgumentNullException.ThrowIfNull(owners);
        if (liveNodes.Count == 0)
            return new AllocationPlan([], []);
        var held = liveNodes.Distinct(StringComparer.Ordinal).ToDictionary(node => node, _ => new List<int>(), StringComparer.Ordinal);
        var free = new List<int>();
        for (var shard = 0; shard < owners.Count; shard++)
        {
            if (owners[shard] is { } owner && held.TryGetValue(owner, out var shards))
                shards.Add(shard);
            else
                free.Add(shard);
        }

        var quotas = Quotas(held, owners.Count);
        var releases = new List<ShardMove>();
        foreach (var (node, shards) in held.OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            foreach (var shard in shards.OrderDescending().Take(Math.Max(0, shards.Count - quotas[node])))
                releases.Add(new ShardMove(shard, node));
        }

        var counts = held.ToDictionary(h => h.Key, h => Math.Min(h.Value.Count, quotas[h.Key]), StringComparer.Ordinal);
        var acquisitions = new List<ShardMove>();
        foreach (var shard in free)
        {
            var taker = counts
                .Where(c => c.Value < quotas[c.Key])
                .OrderByDescending(c => quotas[c.Key] - c.Value)
                .ThenBy(c => c.Value)
                .ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => c.Key)
                .FirstOrDefault();
            if (taker is null)
                break;
            acquisitions.Add(new ShardMove(shard, taker));
            counts[taker]++;
        }
        return new AllocationPlan(releases, acquisitions);
    }

    private static Dictionary<string, int> Quotas(Dictionary<string, List<int>> held, int shardCount)
    {
        var (quota, extra) = Math.DivRem(shardCount, held.Count);
        return held
            .OrderByDescending(h => h.Value.Count)
            .ThenBy(h => h.Key, StringComparer.Ordinal)
            .Select((h, rank) => (h.Key, Quota: quota + (rank < extra ? 1 : 0)))
            .ToDictionary(q => q.Key, q => q.Quota, StringComparer.Ordinal);
    }
}
