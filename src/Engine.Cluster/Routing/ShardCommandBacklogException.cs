namespace Engine.Cluster.Routing;

/// <summary>A shard already has the maximum of commands waiting (its owner is slow, or the shard is in handover); the command was not queued.</summary>
public sealed class ShardCommandBacklogException(string transferId, int shard, int bound)
    : Exception($"The command for transfer '{transferId}' was refused: shard {shard} already has {bound} commands waiting for its owner " +
                "(the shard is in handover or its node is overloaded). Retry after a few seconds.")
{
    public string TransferId { get; } = transferId;
    public int Shard { get; } = shard;
}
