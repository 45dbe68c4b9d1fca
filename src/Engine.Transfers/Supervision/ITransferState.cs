namespace Engine.Transfers.Supervision;

/// <summary>
/// What <see cref="TransferActor{TState, TEvent}"/> needs of a transfer kind's state: the fold of its events and the
/// lifecycle facts every kind shares. The states stay plain records (they are also the snapshots).
/// </summary>
/// <typeparam name="TState">The state type itself.</typeparam>
/// <typeparam name="TEvent">The kind's event base type.</typeparam>
internal interface ITransferState<out TState, in TEvent>
{
    /// <summary>The request is recorded (the stream's first event was replayed or stored).</summary>
    bool IsRequested { get; }

    /// <summary>Active from the request on; paused, or finished.</summary>
    TransferPhase Phase { get; }

    /// <summary>When the transfer last started running (requested or resumed): the retry deadline counts from here.</summary>
    DateTimeOffset RunningSince { get; }

    /// <summary>The state after <paramref name="evt"/>.</summary>
    TState Apply(TEvent evt);
}
