namespace Engine.Transfers.Clustering;

/// <summary>What happened to one shard on this node.</summary>
public enum ShardChangeKind
{
    /// <summary>The node acquired the shard and took on its transfers from the journal.</summary>
    Started,

    /// <summary>The node handed the shard off cleanly (rebalance or leave): its actors stopped after their writes, then the lease was released.</summary>
    HandedOff,

    /// <summary>The node lost the shard (its lease lapsed or was taken over): its actors were stopped at once; their writes were already refused.</summary>
    Lost,
}

/// <summary>A change of the shards a cluster node runs (see <see cref="ClusterNode.ShardChanged"/>).</summary>
/// <param name="Shard">The shard.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Epoch">The fencing epoch the node acquired the shard under (<see cref="ShardChangeKind.Started"/> only).</param>
/// <param name="Transfers">How many transfers of the shard the node took on (started) or stopped (handed off, lost).</param>
public sealed record ShardChange(int Shard, ShardChangeKind Kind, long? Epoch, int Transfers);
