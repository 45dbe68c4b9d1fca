namespace Engine.Cluster.Coordination;

/// <summary>
/// What runs the transfers of a shard on this node (the transfer supervisor in cluster mode). The coordinator
/// calls it from one round at a time, never concurrently.
/// </summary>
public interface IShardHost
{
    /// <summary>This node now owns <paramref name="shard"/> under <paramref name="epoch"/>: recover and resume its unfinished transfers.</summary>
    Task StartShardAsync(int shard, long epoch, CancellationToken cancellationToken);

    /// <summary>
    /// Stop every actor of <paramref name="shard"/>. For a <see cref="ShardStopReason.Handoff"/> the returned task
    /// completes only once their journal writes have completed (the lease is released right after); for
    /// <see cref="ShardStopReason.Lost"/> the node's writes are already refused.
    /// </summary>
    Task StopShardAsync(int shard, ShardStopReason reason, CancellationToken cancellationToken);
}
