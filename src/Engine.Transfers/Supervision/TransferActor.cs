using Engine.Actors;
using Engine.Actors.Persistence;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Supervision;

/// <summary>
/// The lifecycle every transfer actor shares, upload or download: an event-sourced actor (persistence id = transfer id)
/// that follows the supervisor protocol of <see cref="ITransferKindHandler"/>. It recovers its state (snapshot, then
/// events), records a new transfer's request, reports <see cref="TransferReady"/>, moves bytes only once admitted,
/// answers <see cref="GetStatus"/>, <see cref="Pause"/> and <see cref="Cancel"/> at any time (its requests are tasks
/// piped back as messages, see <c>TransferActor.Tasks.cs</c>), and reports every status change. It never stops itself:
/// once it is finished, paused or queued the supervisor passivates it, so no request sent to it meanwhile is lost.
/// </summary>
/// <remarks>
/// A kind supplies its lifecycle events (<see cref="Paused"/>, <see cref="Resumed"/>,
/// <see cref="Cancelled"/>), its next step (<see cref="Advance"/>), its own task outcomes
/// (<see cref="ReceiveOutcome"/>) and its status view; the hooks <see cref="OnInterrupted"/> and
/// <see cref="OnCancelled"/> let it distrust what it knew after an interruption and clean up after a cancel.
/// </remarks>
/// <typeparam name="TState">The kind's state, folded from its events; also the snapshot.</typeparam>
/// <typeparam name="TEvent">The kind's event base type.</typeparam>
internal abstract partial class TransferActor<TState, TEvent> : PersistentActor<TransferCommand>
    where TState : class, ITransferState<TState, TEvent>
    where TEvent : notnull
{
    private readonly ITransferOrder<TEvent>? _order;
    private readonly IActorRef<SupervisorCommand> _supervisor;
    private readonly ITransferRuntime _runtime;

    /// <param name="transferId">The transfer id and persistence id.</param>
    /// <param name="kind">Upload or download.</param>
    /// <param name="empty">The state before any event.</param>
    /// <param name="order">A new transfer's order, recorded as its first event; <c>null</c> when its request is in the journal already.</param>
    /// <param name="supervisor">Where readiness and status changes are reported.</param>
    /// <param name="runtime">The engine's shared machinery.</param>
    protected TransferActor(string transferId, TransferKind kind, TState empty, ITransferOrder<TEvent>? order,
        IActorRef<SupervisorCommand> supervisor, ITransferRuntime runtime)
    {
        TransferId = transferId;
        Kind = kind;
        State = empty;
        _order = order;
        _supervisor = supervisor;
        _runtime = runtime;
    }

    public sealed override string PersistenceId => TransferId;

    /// <summary>The transfer id (also the persistence id).</summary>
    protected string TransferId { get; }

    /// <summary>Upload or download.</summary>
    protected TransferKind Kind { get; }

    /// <summary>The state of all events recorded so far; only <see cref="Record(TEvent, Action)"/> and recovery change it.</summary>
    protected TState State { get; private set; }

    /// <summary>The transfer holds an admission slot.</summary>
    protected bool Admitted { get; private set; }

    /// <summary>The last error seen (a retry's cause, an expiry), shown until the transfer fails for good.</summary>
    protected string? LastError { get; set; }

    protected DateTimeOffset Now => _runtime.Time.GetUtcNow();

    /// <summary>The retry deadline of this run (<c>engine.retry.deadline</c> after the request or resume).</summary>
    protected DateTimeOffset Deadline => State.RunningSince + _runtime.Deadline;

    /// <summary>The kind as a word for messages: <c>upload</c> or <c>download</c>.</summary>
    private string Noun => Kind.ToString().ToLowerInvariant();

    protected sealed override object? CreateSnapshot() => State;

    /// <summary>The event recording a pause at <paramref name="at"/>.</summary>
    protected abstract TEvent Paused(DateTimeOffset at);

    /// <summary>The event recording that a paused or failed transfer runs again from <paramref name="at"/>.</summary>
    protected abstract TEvent Resumed(DateTimeOffset at);

    /// <summary>The event recording a cancel at <paramref name="at"/>.</summary>
    protected abstract TEvent Cancelled(DateTimeOffset at);

    /// <summary>Moves the transfer on by one step when it is admitted, active and idle; else does nothing.</summary>
    protected abstract void Advance();

    /// <summary>Handles the kind's own messages (outcomes of its current tasks); anything unknown is ignored.</summary>
    protected abstract void ReceiveOutcome(TransferCommand message);

    /// <summary>The public status of <paramref name="state"/> with this actor's live figures.</summary>
    protected abstract TransferStatus StatusOf(TState state, TransferLiveStatus live);

    /// <summary>
    /// The transfer was interrupted: recovered from the journal, paused, or resumed after a pause or a failure. What
    /// the actor knew of the server and the local file may be stale. Default: nothing.
    /// </summary>
    protected virtual void OnInterrupted() { }

    /// <summary>The cancel is recorded: remove what the transfer leaves behind. Default: nothing.</summary>
    protected virtual void OnCancelled() { }

    protected sealed override void ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: TState snapshot }:
                State = snapshot;
                break;
            case SnapshotOffer offer:
                throw new InvalidDataException($"The snapshot of {Noun} '{TransferId}' is a {offer.Snapshot.GetType().Name} where a {typeof(TState).Name} was expected; the journal mixes transfer kinds under one id.");
            case TEvent e:
                State = State.Apply(e);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
            default:
                throw new InvalidDataException($"{Kind} '{TransferId}' replayed a {message.GetType().Name}, which is not one of the {Noun} events.");
        }
    }

    protected sealed override void ReceiveCommand(TransferCommand command)
    {
        switch (command)
        {
            case GetStatus query: query.ReplyTo.Tell(Status()); break;
            case Admit: OnAdmit(); break;
            case Pause pause: OnPause(pause.ReplyTo); break;
            case Cancel cancel: OnCancel(cancel.ReplyTo); break;
            case ProgressTick: OnProgressTick(); break;
            // Messages of an abandoned run (paused, cancelled, restarted) are harmless by design.
            case TaskMessage stale when stale.Generation != Generation: break;
            case RetryScheduled retry: OnRetryScheduled(retry.Notice); break;
            case TaskCrashed crashed: OnTaskCrashed(crashed.Error); break;
            default: ReceiveOutcome(command); break;
        }
    }

    protected override void PostStop() => Abandon();

    private void OnRecovered()
    {
        if (!State.IsRequested)
        {
            if (_order is null)
            {
                // Nothing to run: a stream without its request (deleted, or written by something else).
                Report(new TransferUpdated(Status() with
                {
                    Phase = TransferPhase.Failed,
                    LastError = $"{Kind} '{TransferId}' has no recorded request in the journal; start the {Noun} again.",
                }));
                return;
            }
            Persist(_order.ToEvent(TransferId, Now), e =>
            {
                State = State.Apply(e);
                Report(new TransferReady(Status()));
            });
            return;
        }
        OnInterrupted();
        if (State.Phase is TransferPhase.Completed or TransferPhase.Cancelled)
        {
            Report(new TransferUpdated(Status()));
            return;
        }
        Report(new TransferReady(Status()));
    }

    private void OnAdmit()
    {
        if (State.Phase is TransferPhase.Completed or TransferPhase.Cancelled || Admitted) return;
        Admitted = true;
        if (State.Phase is TransferPhase.Paused or TransferPhase.Failed)
        {
            OnInterrupted();
            Record(Resumed(Now), Advance);
            return;
        }
        Report(new TransferUpdated(Status()));
        Advance();
    }

    private void OnPause(IActorRef<TransferStatus> replyTo)
    {
        if (State.Phase != TransferPhase.Active)
        {
            // Already paused (or finished): nothing to record, but the supervisor may show it queued for a resume.
            Report(new TransferUpdated(Status()));
            replyTo.Tell(Status());
            return;
        }
        Abandon();
        Admitted = false;
        OnInterrupted();
        Record(Paused(Now), () =>
        {
            var status = Status();
            Log.LogInformation("{Kind} {TransferId} paused at {Acknowledged} of {Total} bytes acknowledged", Kind, TransferId, status.BytesAcknowledged, status.BytesTotal);
            replyTo.Tell(status);
        });
    }

    private void OnCancel(IActorRef<TransferStatus> replyTo)
    {
        if (State.Phase is TransferPhase.Completed or TransferPhase.Cancelled)
        {
            replyTo.Tell(Status());
            return;
        }
        Abandon();
        Record(Cancelled(Now), () =>
        {
            OnCancelled();
            replyTo.Tell(Status());
            Finish();
        });
    }

    /// <summary>Persists <paramref name="event"/>, folds it into the state, reports the new status, then runs <paramref name="then"/>.</summary>
    protected void Record(TEvent @event, Action then) => Record([@event], then);

    /// <summary>Persists <paramref name="events"/> as one atomic write, folds them in, reports once, then runs <paramref name="then"/>.</summary>
    protected void Record(IReadOnlyList<TEvent> events, Action then)
    {
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            State = State.Apply(e);
            if (--remaining > 0) return;
            Report(new TransferUpdated(Status()));
            then();
        });
    }

    /// <summary>Abandons the run and records <paramref name="failed"/>, the kind's failure event, then stops; the reason is logged.</summary>
    protected void Fail(TEvent failed)
    {
        Abandon();
        Record(failed, () =>
        {
            Log.LogWarning("{Reason}", Status().LastError);
            Finish();
        });
    }

    /// <summary>
    /// Nothing more to do. The actor does not stop itself: the supervisor, told the final status, passivates it, buffering
    /// requests meanwhile (a status query racing the end is answered, never dropped); it keeps the final status.
    /// </summary>
    protected void Finish() => Admitted = false;

    /// <summary>Tells the supervisor the current status.</summary>
    protected void ReportStatus() => Report(new TransferUpdated(Status()));

    /// <summary>
    /// Tells the supervisor the current status and that nothing is to be done before <paramref name="until"/>, a time the
    /// journal records: a long wait may be spent passivated (see <c>engine.supervisor.passivate-waits-over</c>).
    /// </summary>
    protected void ReportWaiting(DateTimeOffset until) => Report(new TransferWaiting(Status(), until));

    private void Report(SupervisorCommand notice) => _supervisor.Tell(notice);

    private TransferStatus Status() =>
        StatusOf(State, new TransferLiveStatus(Admitted, BytesMoved, _retries, _lastRetryCause, NextRetryAt, LastError));
}
