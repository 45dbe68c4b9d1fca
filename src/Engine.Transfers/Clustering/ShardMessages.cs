using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Cluster mode's part of the <see cref="TransferSupervisor"/>'s protocol (docs/cluster.md). Single-node mode sends
/// none of these, and every transfer runs on the one node. Asks that may be refused (<see cref="OnShard"/>) are made
/// with a reply-to taking any message, so the one reference takes the answer or the <see cref="ShardRefusal"/>.
/// </summary>
internal abstract record ShardMessage : SupervisorCommand;

/// <summary>
/// The engine runs as a cluster node of <paramref name="ShardCount"/> shards: from now on only the transfers of
/// started shards run here, and a transfer is admitted only while <paramref name="Holds"/> says this node's lease on
/// its shard is valid (a node that lost a shard never lets a restarted actor move bytes again).
/// </summary>
internal sealed record JoinCluster(int ShardCount, Func<int, bool> Holds) : ShardMessage;

/// <summary>This node now owns <paramref name="Shard"/>: take its <paramref name="Transfers"/> (read from the journal) and run the unfinished ones.</summary>
internal sealed record StartShard(int Shard, IReadOnlyList<TransferStatus> Transfers, IActorRef<ShardDone> ReplyTo) : ShardMessage;

/// <summary>
/// Stop every actor of <paramref name="Shard"/> and forget its transfers; <paramref name="Handoff"/>: let journal
/// writes in flight complete first (the lease is released afterwards), else stop at once (the lease is gone).
/// Replied once every actor has terminated.
/// </summary>
internal sealed record StopShard(int Shard, bool Handoff, IActorRef<ShardDone> ReplyTo) : ShardMessage;

/// <summary>
/// Run <paramref name="Command"/> about <paramref name="TransferId"/> only if <paramref name="Shard"/> runs here;
/// otherwise tell <paramref name="Refused"/> why not.
/// </summary>
internal sealed record OnShard(int Shard, string TransferId, SupervisorCommand Command, IActorRef<ShardRefusal> Refused) : ShardMessage;

/// <summary>The actors of a stopping shard have terminated (the supervisor's own notice, then it answers <see cref="StopShard"/>).</summary>
internal sealed record ShardActorsTerminated(int Shard, int Transfers, IActorRef<ShardDone> ReplyTo) : ShardMessage;

/// <summary>
/// The answer to <see cref="StartShard"/> and <see cref="StopShard"/>: the shard's <paramref name="Transfers"/> are
/// taken on, or stopped and forgotten (their actors have terminated).
/// </summary>
internal sealed record ShardDone(int Shard, int Transfers);

/// <summary>Why an <see cref="OnShard"/> command was not run (a class, so a reply-to taking any message can take it).</summary>
internal sealed record ShardRefusal(string Reason)
{
    /// <summary>The shard does not run on this node (never started, handed off, or its lease lapsed): route the command to its owner.</summary>
    public static ShardRefusal NotHere { get; } = new("the shard does not run on this node");

    /// <summary>The shard runs here and holds no such transfer.</summary>
    public static ShardRefusal UnknownTransfer { get; } = new("no such transfer");
}
