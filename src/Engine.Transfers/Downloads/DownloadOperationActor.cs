using Engine.Actors;
using Engine.Actors.Persistence;
using Engine.Protocol.Download;
using Engine.Protocol.Resilience;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>
/// One Drive download through a long-running operation, event-sourced (persistence id = transfer id,
/// <c>download-&lt;guid v7&gt;</c>). It records the order (<see cref="DownloadRequested"/>), calls <c>download()</c> and
/// records <see cref="OperationStarted"/> at once, polls with backoff (<see cref="PollResult"/>, the wait after a crash
/// taken from the journal), records <see cref="ContentReady"/>, fetches the content into a partial file beside the
/// destination (in parallel byte-range segments when allowed) recording <see cref="BytesWritten"/> only once flushed,
/// then hashes and renames the file into place (<see cref="DownloadCompleted"/>). Every request is a task piped back as
/// a message, so pause, cancel and status are answered while content flows.
/// </summary>
/// <remarks>
/// This file: lifecycle and commands. <c>DownloadOperationActor.Operation.cs</c>: <c>download()</c> and polling.
/// <c>DownloadOperationActor.Content.cs</c>: the content fetch and the final rename.
/// </remarks>
internal sealed partial class DownloadOperationActor : PersistentActor<TransferCommand>
{
    private const string BackoffTimer = "backoff";

    private readonly string _transferId;
    private readonly DownloadOrder? _order;
    private readonly IActorRef<SupervisorCommand> _supervisor;
    private readonly DownloadRuntime _runtime;

    private DownloadState _state = DownloadState.Empty;
    private bool _admitted;
    private int _retries;
    private string? _lastRetryCause;
    private string? _lastError;
    private DateTimeOffset? _nextRetryAt;

    /// <summary>Bumped whenever the run is abandoned: outcomes of its tasks carry an old number and are ignored.</summary>
    private int _generation;
    private CancellationTokenSource? _run;

    /// <summary>A task other than content (start, poll, seal) is in flight.</summary>
    private bool _stepInFlight;

    /// <summary>A backoff timer is armed.</summary>
    private bool _waiting;

    /// <param name="transferId">The transfer id and persistence id.</param>
    /// <param name="order">The new download's order, recorded as its first event; <c>null</c> when it is in the journal already.</param>
    /// <param name="supervisor">Where readiness and status changes are reported.</param>
    /// <param name="runtime">The engine's shared download machinery.</param>
    public DownloadOperationActor(string transferId, DownloadOrder? order, IActorRef<SupervisorCommand> supervisor, DownloadRuntime runtime)
    {
        _transferId = transferId;
        _order = order;
        _supervisor = supervisor;
        _runtime = runtime;
    }

    public override string PersistenceId => _transferId;

    private DateTimeOffset Now => _runtime.Time.GetUtcNow();

    /// <summary>The retry deadline of this run (<c>engine.retry.deadline</c> after the request or resume).</summary>
    private DateTimeOffset Deadline => _state.RunningSince + _runtime.Deadline;

    protected override object? CreateSnapshot() => _state;

    protected override void ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: DownloadState snapshot }:
                _state = snapshot;
                break;
            case SnapshotOffer offer:
                throw new InvalidDataException($"The snapshot of download '{_transferId}' is a {offer.Snapshot.GetType().Name}, not a download state; the journal mixes transfer kinds under one id.");
            case DownloadEvent e:
                _state = _state.Apply(e);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
            default:
                throw new InvalidDataException($"Download '{_transferId}' replayed a {message.GetType().Name}, which is not a download event.");
        }
    }

    protected override void ReceiveCommand(TransferCommand command)
    {
        switch (command)
        {
            case GetStatus query: query.ReplyTo.Tell(Status()); break;
            case Admit: OnAdmit(); break;
            case Pause pause: OnPause(pause.ReplyTo); break;
            case Cancel cancel: OnCancel(cancel.ReplyTo); break;
            case DownloadProgressTick: OnProgressTick(); break;
            // Outcomes of an abandoned run (paused, cancelled, operation lost) are harmless by design.
            case DownloadMessage stale when stale.Generation != _generation: break;
            case OperationRequestEnded ended: OnOperationRequestEnded(ended.Outcome); break;
            case PollEnded polled: OnPollEnded(polled.Outcome); break;
            case ContentEnded ended: OnContentEnded(ended.Range, ended.Outcome); break;
            case FileSealed done: OnSealed(done.Sha256, done.Size); break;
            case StepCrashed crashed: OnCrashed(crashed.Error); break;
            case DownloadRetryScheduled retry: OnRetryScheduled(retry.Notice); break;
            case BackoffElapsed: OnBackoffElapsed(); break;
        }
    }

    protected override void PostStop() => Abandon();

    private void OnRecovered()
    {
        if (_state.Request is null)
        {
            if (_order is null)
            {
                // Nothing to run: a stream without its request (deleted, or written by something else).
                Report(new TransferUpdated(Status() with { Phase = TransferPhase.Failed, LastError = $"Download '{_transferId}' has no recorded request in the journal; start the download again." }));
                Context.Stop(Self);
                return;
            }
            Persist(_order.ToEvent(_transferId, Now), e =>
            {
                _state = _state.Apply(e);
                Report(new TransferReady(Status()));
            });
            return;
        }
        if (_state.Phase is TransferPhase.Completed or TransferPhase.Cancelled)
        {
            Report(new TransferUpdated(Status()));
            Context.Stop(Self);
            return;
        }
        Report(new TransferReady(Status()));
    }

    private void OnAdmit()
    {
        if (_state.Phase is TransferPhase.Completed or TransferPhase.Cancelled || _admitted) return;
        _admitted = true;
        if (_state.Phase is TransferPhase.Paused or TransferPhase.Failed)
        {
            Record(new DownloadResumed(Now), Advance);
            return;
        }
        Report(new TransferUpdated(Status()));
        Advance();
    }

    private void OnPause(IActorRef<TransferStatus> replyTo)
    {
        if (_state.Phase != TransferPhase.Active)
        {
            replyTo.Tell(Status());
            return;
        }
        Abandon();
        _admitted = false;
        Record(new DownloadPaused(Now), () => replyTo.Tell(Status()));
    }

    private void OnCancel(IActorRef<TransferStatus> replyTo)
    {
        if (_state.Phase is TransferPhase.Completed or TransferPhase.Cancelled)
        {
            replyTo.Tell(Status());
            return;
        }
        Abandon();
        Record(new DownloadCancelled(Now), () =>
        {
            DeletePartialFile();
            replyTo.Tell(Status());
            Finish();
        });
    }

    /// <summary>
    /// Moves the download on by one step when admitted, active and idle: a new <c>download()</c> (after its backoff),
    /// a poll (after the recorded backoff), or content.
    /// </summary>
    private void Advance()
    {
        if (!_admitted || _state.Phase != TransferPhase.Active || _stepInFlight || _waiting) return;
        if (_state.ContentUri is not null) AdvanceContent();
        else if (_state.OperationName is null) StartOperation();
        else ContinueOperation();
    }

    /// <summary>Arms the backoff timer when <paramref name="due"/> lies ahead; false when it is due now.</summary>
    private bool WaitUntil(DateTimeOffset? due)
    {
        var wait = due - Now;
        if (wait is not { } delay || delay <= TimeSpan.Zero) return false;
        _waiting = true;
        _nextRetryAt = due;
        Timers.StartSingleTimer(BackoffTimer, new BackoffElapsed(_generation), delay);
        Report(new TransferUpdated(Status()));
        return true;
    }

    private void OnBackoffElapsed()
    {
        _waiting = false;
        _nextRetryAt = null;
        Advance();
    }

    private void OnRetryScheduled(RetryNotice notice)
    {
        _runtime.Metrics.Retried(TransferKind.Download, notice.Cause);
        _retries++;
        _lastRetryCause = $"{notice.Cause}: {notice.Detail}";
        _lastError = _lastRetryCause;
        _nextRetryAt = Now + notice.Delay;
        Report(new TransferUpdated(Status()));
    }

    /// <summary>
    /// A retry the actor decides itself (a new operation, a segment restart): counted and shown like the runner's;
    /// <paramref name="metricCause"/> is its <c>retry.cause</c> tag.
    /// </summary>
    private void NoteRetry(string cause, string metricCause)
    {
        _runtime.Metrics.Retried(TransferKind.Download, metricCause);
        _retries++;
        _lastRetryCause = cause;
        _lastError = cause;
    }

    private void OnCrashed(Exception error)
    {
        _stepInFlight = false;
        Fail(null, error.Message);
    }

    /// <summary>Starts <paramref name="work"/> as a task of the current run; its result comes back as the message <paramref name="done"/> makes.</summary>
    private void Launch<T>(Func<CancellationToken, Task<T>> work, Func<int, T, TransferCommand> done)
    {
        var generation = _generation;
        var token = (_run ??= new CancellationTokenSource()).Token;
        // Task.Run: token sources and file opening may block; none of it runs on the actor's turn.
        Context.PipeToSelf(Task.Run(() => work(token), token), result => done(generation, result), error => new StepCrashed(generation, error));
    }

    /// <summary>The runner's retry notices, for the current run.</summary>
    private Action<RetryNotice> RetryObserver()
    {
        var self = Self;
        var generation = _generation;
        return notice => self.Tell(new DownloadRetryScheduled(generation, notice));
    }

    /// <summary>Abandons everything in flight (tasks, timers); late outcomes will be ignored.</summary>
    private void Abandon()
    {
        _generation++;
        // Not disposed: tasks may still register on its token while they unwind.
        _run?.Cancel();
        _run = null;
        _stepInFlight = false;
        _waiting = false;
        _nextRetryAt = null;
        _inFlight.Clear();
        Timers.CancelAll();
    }

    /// <summary>Persists <paramref name="event"/>, folds it into the state, reports the new status, then runs <paramref name="then"/>.</summary>
    private void Record(DownloadEvent @event, Action then) => Record([@event], then);

    /// <summary>Persists <paramref name="events"/> as one atomic write, folds them in, reports once, then runs <paramref name="then"/>.</summary>
    private void Record(IReadOnlyList<DownloadEvent> events, Action then)
    {
        var remaining = events.Count;
        PersistAll(events, e =>
        {
            _state = _state.Apply(e);
            if (--remaining > 0) return;
            Report(new TransferUpdated(Status()));
            then();
        });
    }

    /// <summary>Fails the download for good (the partial file stays for a resume) with a reason naming the transfer, file and destination.</summary>
    private void Fail(string? code, string reason)
    {
        Abandon();
        var request = _state.Request!;
        Record(new DownloadFailed(code, $"Download {_transferId} of file '{DownloadTasks.FileOf(request)}' to '{request.DestinationPath}' failed: {reason}", Now), Finish);
    }

    private void FailWith(DriveFailure failure) => Fail(failure.Code is { } code ? CanonicalCodes.Of(code).Name : null, failure.Message);

    /// <summary>Nothing more to do: stop (passivate); the supervisor keeps the final status.</summary>
    private void Finish()
    {
        _admitted = false;
        Context.Stop(Self);
    }

    private void Report(SupervisorCommand notice) => _supervisor.Tell(notice);

    private TransferStatus Status() => DownloadStatusView.From(_transferId, _state,
        new DownloadLiveStatus(_admitted, BytesReceived, _retries, _lastRetryCause, _nextRetryAt, _lastError));
}
