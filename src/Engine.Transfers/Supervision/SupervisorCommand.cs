using Engine.Actors;

namespace Engine.Transfers.Supervision;

/// <summary>
/// What the <see cref="TransferSupervisor"/> takes: requests from the facade and notices from transfer actors. Requests
/// name ids the facade found in the <see cref="TransferStatusFeed"/>; an unknown id is logged and not answered.
/// </summary>
internal abstract record SupervisorCommand;

/// <summary>
/// Start a new transfer of <paramref name="Kind"/>; reply with its id once its request is recorded in the journal. The
/// supervisor draws the id, unless <paramref name="Id"/> names it (cluster mode: the id decides the shard).
/// </summary>
internal sealed record StartTransfer(TransferKind Kind, object Order, IActorRef<string> ReplyTo, string? Id = null) : SupervisorCommand;

/// <summary>A request about one existing transfer, answered with its status.</summary>
internal abstract record TransferRequest(string Id, IActorRef<TransferStatus> ReplyTo) : SupervisorCommand;

/// <summary>Reply with the status of <paramref name="Id"/> (live when it runs).</summary>
internal sealed record QueryTransfer(string Id, IActorRef<TransferStatus> ReplyTo) : TransferRequest(Id, ReplyTo);

/// <summary>Pause <paramref name="Id"/>; reply with its status.</summary>
internal sealed record PauseTransfer(string Id, IActorRef<TransferStatus> ReplyTo) : TransferRequest(Id, ReplyTo);

/// <summary>Queue a paused or failed <paramref name="Id"/> to run again; reply with its status.</summary>
internal sealed record ResumeTransfer(string Id, IActorRef<TransferStatus> ReplyTo) : TransferRequest(Id, ReplyTo);

/// <summary>Cancel <paramref name="Id"/>; reply with its status.</summary>
internal sealed record CancelTransfer(string Id, IActorRef<TransferStatus> ReplyTo) : TransferRequest(Id, ReplyTo);

/// <summary>A transfer actor recovered (or recorded its request) and waits for <see cref="Admit"/>.</summary>
internal sealed record TransferReady(TransferStatus Status) : SupervisorCommand;

/// <summary>A transfer actor's status changed (an event was recorded, a retry was scheduled, bytes moved).</summary>
internal sealed record TransferUpdated(TransferStatus Status) : SupervisorCommand;

/// <summary>
/// A transfer actor has nothing to do before <paramref name="Until"/>, a time its journal records (so a new incarnation
/// knows it too): the supervisor may passivate it and admit it again then.
/// </summary>
internal sealed record TransferWaiting(TransferStatus Status, DateTimeOffset Until) : SupervisorCommand;

/// <summary>The wait of passivated transfer <paramref name="Id"/> is over (the supervisor's own timer).</summary>
internal sealed record WaitOver(string Id) : SupervisorCommand;

/// <summary>The backoff supervisor of <paramref name="Id"/> terminated (the transfer finished, or gave up restarting).</summary>
internal sealed record TransferTerminated(string Id, IActorRef Ref) : SupervisorCommand;
