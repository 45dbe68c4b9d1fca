using Microsoft.Extensions.Logging;

namespace Engine.Actors.Persistence;

/// <summary>
/// An event-sourced actor (Akka's <c>PersistentActor</c>, with a typed command). On start it recovers: it waits
/// for a recovery permit, is offered its latest snapshot (<see cref="SnapshotOffer"/>), replays the later events
/// through <see cref="ReceiveRecover"/>, and then gets <see cref="RecoveryCompleted"/>. Commands arriving meanwhile
/// are stashed. Then <see cref="ReceiveCommand"/> handles commands; <see cref="Persist{TEvent}"/> stores an event
/// and runs its handler once stored, and commands arriving while events are being stored are stashed, so every
/// command sees the state of all events before it.
/// </summary>
/// <remarks>
/// Journal contract (see <see cref="IJournal"/>): a failed write calls <see cref="OnPersistFailure"/> and stops the
/// actor (put it under a <see cref="Supervision.BackoffSupervisor"/> so it is restarted and recovers); a rejected write
/// calls <see cref="OnPersistRejected"/>, skips the handler and continues. A failed recovery calls
/// <see cref="OnRecoveryFailure"/> and stops the actor with a <see cref="RecoveryFailedException"/>.
/// Journal, snapshot store and limits come from <see cref="ActorSystemOptions.Persistence"/>.
/// </remarks>
public abstract partial class PersistentActor<TCommand> : Actor<TCommand>
{
    private readonly PersistenceOptions _options;
    private List<AtomicWrite>? _batch;
    private Queue<PendingHandler>? _pendingHandlers;
    private bool _writeInFlight;
    private long _assignedSequenceNr;

    /// <summary>Binds the actor to the system's persistence settings.</summary>
    protected PersistentActor() => _options = Cell.System.Options.Persistence;

    /// <summary>The stable identity of this actor's event stream, e.g. <c>upload-7f3a</c>. Must not change.</summary>
    public abstract string PersistenceId { get; }

    /// <summary>Sequence number of the last event applied (replayed, or stored and handled); 0 before any.</summary>
    public long LastSequenceNr { get; private set; }

    /// <summary>Sequence number of the latest snapshot offered or saved; 0 before any.</summary>
    public long SnapshotSequenceNr { get; private set; }

    /// <summary>True until <see cref="RecoveryCompleted"/> has been handled.</summary>
    public bool IsRecovering => _phase != Phase.Running;

    /// <summary>
    /// Take a snapshot (of <see cref="CreateSnapshot"/>) after every N persisted events; 0 never. Defaults to
    /// <see cref="PersistenceOptions.SnapshotEvery"/>.
    /// </summary>
    protected virtual int SnapshotEvery => _options.SnapshotEvery;

    /// <summary>The journal this actor writes to; defaults to <see cref="PersistenceOptions.Journal"/>.</summary>
    protected virtual IJournal Journal => _options.Journal;

    /// <summary>The snapshot store this actor uses; defaults to <see cref="PersistenceOptions.SnapshotStore"/>.</summary>
    protected virtual ISnapshotStore SnapshotStore => _options.SnapshotStore;

    /// <summary>Handles a command after recovery; call <see cref="Persist{TEvent}"/> to record what happened.</summary>
    protected abstract void ReceiveCommand(TCommand command);

    /// <summary>
    /// Rebuilds state during recovery: receives a <see cref="SnapshotOffer"/> (if any), then each stored event in
    /// order, then <see cref="RecoveryCompleted"/>. Must not have side effects other than on the actor's state.
    /// </summary>
    protected abstract void ReceiveRecover(object message);

    /// <summary>
    /// The state to snapshot when <see cref="SnapshotEvery"/> is due: an immutable object (it is stored while the
    /// actor continues), serializable by the snapshot store. Required when <see cref="SnapshotEvery"/> is above 0.
    /// </summary>
    protected virtual object? CreateSnapshot() => null;

    /// <summary>
    /// Stores <paramref name="event"/> (one atomic write) and, once stored, calls <paramref name="handler"/> with it on
    /// the actor's turn. Until then, new commands are stashed. Handlers run in the order of the Persist calls.
    /// </summary>
    protected void Persist<TEvent>(TEvent @event, Action<TEvent> handler) where TEvent : notnull =>
        PersistAll([@event], handler);

    /// <summary>
    /// Stores <paramref name="events"/> as one atomic write (all or none) and calls <paramref name="handler"/> for each,
    /// in order, once stored. An empty sequence does nothing.
    /// </summary>
    protected void PersistAll<TEvent>(IEnumerable<TEvent> events, Action<TEvent> handler) where TEvent : notnull
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(handler);
        if (_phase != Phase.Running)
            throw new InvalidOperationException($"Persistent actor '{PersistenceId}' called Persist before recovery completed; persist from ReceiveCommand or on RecoveryCompleted.");
        var now = Cell.System.TimeProvider.GetUtcNow();
        var representations = new List<PersistentRepresentation>();
        foreach (var @event in events)
        {
            ArgumentNullException.ThrowIfNull(@event, nameof(events));
            var sequenceNr = ++_assignedSequenceNr;
            representations.Add(new PersistentRepresentation(PersistenceId, sequenceNr, @event, _writerUuid, now));
            (_pendingHandlers ??= new()).Enqueue(new PendingHandler(@event, sequenceNr, e => handler((TEvent)e)));
        }
        if (representations.Count > 0) (_batch ??= []).Add(new AtomicWrite(representations));
    }

    /// <summary>
    /// Called when a write failed with an unknown outcome, before the actor stops. Default: logs an error.
    /// </summary>
    protected virtual void OnPersistFailure(Exception cause, object @event, long sequenceNr) =>
        Log.LogError(cause, "Persisting {EventType} #{SequenceNr} of {PersistenceId} failed; the actor stops and recovers when restarted",
            @event.GetType().Name, sequenceNr, PersistenceId);

    /// <summary>Called when the journal rejected an event (it is not stored; its handler does not run). Default: logs a warning.</summary>
    protected virtual void OnPersistRejected(Exception cause, object @event, long sequenceNr) =>
        Log.LogWarning(cause, "The journal rejected {EventType} #{SequenceNr} of {PersistenceId}; it was not stored and the actor continues",
            @event.GetType().Name, sequenceNr, PersistenceId);

    /// <summary>Called when recovery failed, before the actor stops; <paramref name="event"/> is the event being replayed, if any. Default: logs an error.</summary>
    protected virtual void OnRecoveryFailure(Exception cause, object? @event) =>
        Log.LogError(cause, "Recovery of {PersistenceId} failed at {EventType}; the actor stops", PersistenceId, @event?.GetType().Name ?? "loading");

    protected sealed override void Receive(TCommand message)
    {
        if (MustStash)
        {
            Cell.StashInternal();
            return;
        }
        ReceiveCommand(message);
        FlushOrUnstash();
    }

    /// <summary>Commands wait while recovering and while events are being stored or their handlers are pending.</summary>
    private bool MustStash => _phase != Phase.Running || _writeInFlight || _pendingHandlers is { Count: > 0 };

    internal override bool HasPendingWork => _writeInFlight || _pendingHandlers is { Count: > 0 };

    /// <summary>
    /// After a handler: sends the events it persisted as one journal call or, when nothing waits for the journal,
    /// hands back the next stashed command (each handled command hands back the next, so order is kept).
    /// </summary>
    private void FlushOrUnstash()
    {
        if (_writeInFlight) return;
        if (_batch is { Count: > 0 } writes)
        {
            _batch = null;
            _writeInFlight = true;
            var task = JournalCall.Start(() => Journal.WriteMessagesAsync(writes));
            task.ContinueWith(t => Cell.Post(new WriteCompleted(this, writes, t), ownWork: true),
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
        if (_pendingHandlers is not { Count: > 0 }) Cell.UnstashOneInternal();
    }

    private void OnWriteCompleted(IReadOnlyList<AtomicWrite> writes, Task<IReadOnlyList<Exception?>> outcome)
    {
        _writeInFlight = false;
        if (!outcome.IsCompletedSuccessfully || outcome.Result.Count != writes.Count)
        {
            var cause = outcome.IsCompletedSuccessfully
                ? new InvalidOperationException($"The journal answered {outcome.Result.Count} results for {writes.Count} writes.")
                : Core.TaskOutcome.Unwrap(outcome);
            var first = _pendingHandlers!.Peek();
            OnPersistFailure(cause, first.Event, first.SequenceNr);
            Cell.StopWithFailure(new PersistenceFailureException(PersistenceId, writes[0].LowestSequenceNr, writes[^1].HighestSequenceNr, cause));
            return;
        }
        var results = outcome.Result;
        ReuseRejectedSequenceNumbers(writes, results);
        for (var i = 0; i < writes.Count; i++)
        {
            foreach (var _ in writes[i].Events)
            {
                var pending = _pendingHandlers!.Dequeue();
                if (results[i] is { } rejection)
                {
                    OnPersistRejected(rejection, pending.Event, pending.SequenceNr);
                    continue;
                }
                LastSequenceNr = pending.SequenceNr;
                pending.Handler(pending.Event);
                SnapshotIfDue();
            }
        }
        FlushOrUnstash();
    }

    /// <summary>
    /// Rejected writes at the end of a call left no trace in the journal, so their numbers are handed out again
    /// and the stream stays without gaps (a rejection followed by a stored write in the same call leaves a gap,
    /// which replay tolerates). Runs before any handler of the call, so no later number has been handed out.
    /// </summary>
    private void ReuseRejectedSequenceNumbers(IReadOnlyList<AtomicWrite> writes, IReadOnlyList<Exception?> results)
    {
        var lastStored = writes[0].LowestSequenceNr - 1;
        for (var i = 0; i < writes.Count; i++)
            if (results[i] is null) lastStored = writes[i].HighestSequenceNr;
        if (lastStored == writes[^1].HighestSequenceNr) return;
        _assignedSequenceNr = lastStored;
    }

    /// <summary>An event waiting to be stored, and what to do once it is.</summary>
    private sealed record PendingHandler(object Event, long SequenceNr, Action<object> Handler);

    private sealed class WriteCompleted(PersistentActor<TCommand> owner, IReadOnlyList<AtomicWrite> writes, Task<IReadOnlyList<Exception?>> outcome)
        : Core.RuntimeMessage
    {
        public override void Deliver(object actor)
        {
            if (actor == owner) owner.OnWriteCompleted(writes, outcome);
        }
    }
}
