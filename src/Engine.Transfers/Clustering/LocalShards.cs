using Engine.Actors;
using Engine.Cluster.Sharding;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Asks this node's supervisor to run a command only if the transfer's shard runs here. The answer is the command's
/// own (an id, a status) or a <see cref="ShardRefusal"/>, so the caller can route it to the owner instead.
/// </summary>
internal sealed class LocalShards(IActorRef<SupervisorCommand> supervisor, int shardCount, TimeSpan askTimeout)
{
    /// <summary>The shard of <paramref name="transferId"/>.</summary>
    public int ShardOf(string transferId) => ShardHash.ShardOf(transferId, shardCount);

    /// <summary>Starts <paramref name="transferId"/> from <paramref name="order"/>; answers its id once the order is recorded, or the refusal.</summary>
    public Task<object> StartAsync(TransferKind kind, object order, string transferId, CancellationToken cancellationToken) =>
        AskAsync(transferId, reply => new StartTransfer(kind, order, reply, transferId), cancellationToken);

    /// <summary>Asks <paramref name="request"/> about <paramref name="transferId"/>; answers its status, or the refusal.</summary>
    public Task<object> AskAsync(string transferId, TransferAction request, CancellationToken cancellationToken) =>
        AskAsync(transferId, reply => request.Command(transferId, reply), cancellationToken);

    private Task<object> AskAsync(string transferId, Func<IActorRef<object>, SupervisorCommand> command, CancellationToken cancellationToken) =>
        supervisor.Ask<SupervisorCommand, object>(reply => new OnShard(ShardOf(transferId), transferId, command(reply), reply), askTimeout, cancellationToken);
}
