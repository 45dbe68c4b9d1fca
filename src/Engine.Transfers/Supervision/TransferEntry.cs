using Engine.Actors;

namespace Engine.Transfers.Supervision;

/// <summary>What the <see cref="TransferSupervisor"/> knows about one transfer; owned and mutated by it alone.</summary>
internal sealed class TransferEntry(string id, ITransferKindHandler kind)
{
    public string Id { get; } = id;

    public ITransferKindHandler Kind { get; } = kind;

    /// <summary>The latest status; <c>null</c> for a new transfer until its actor recorded the order.</summary>
    public TransferStatus? Status { get; set; }

    /// <summary>A new transfer's order, until its actor has recorded it.</summary>
    public object? Order { get; set; }

    /// <summary>The backoff supervisor of the transfer's current actor incarnation, or <c>null</c> when none runs.</summary>
    public IActorRef<TransferCommand>? Actor { get; set; }

    /// <summary>Counts actor incarnations, so a new one never clashes with the name of one still stopping.</summary>
    public int Incarnations { get; set; }

    /// <summary>The current actor has recovered and answers at once.</summary>
    public bool Ready { get; set; }

    /// <summary>The transfer holds an admission slot.</summary>
    public bool Admitted { get; set; }

    /// <summary>The transfer waits in the admission queue.</summary>
    public bool Waiting { get; set; }

    /// <summary>The user resumed the paused or failed transfer; it waits for a slot and its actor to run again.</summary>
    public bool ResumePending { get; set; }

    /// <summary>Who waits for the id of this new transfer (answered once its order is recorded).</summary>
    public IActorRef<string>? StartReply { get; set; }

    /// <summary>The transfer gave up its actor and slot until this time (a recorded wait); <c>null</c> otherwise.</summary>
    public DateTimeOffset? WaitingUntil { get; set; }

    /// <summary>The actor was asked to stop because it is idle (queued or paused); it drains what it was sent, then stops.</summary>
    public bool Passivating { get; set; }

    /// <summary>Requests that arrived while the actor was passivating; handled again once it has stopped (Akka's Passivate buffer).</summary>
    public List<TransferRequest>? Buffered { get; set; }
}
