using Engine.Actors;
using Engine.Actors.Persistence;
using Engine.Protocol.Resilience;
using Engine.Transfers.Supervision;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Uploads;

/// <summary>
/// One resumable upload, event-sourced (persistence id = transfer id, <c>upload-&lt;guid v7&gt;</c>). It records the
/// order (<see cref="UploadRequested"/>), opens a session and records <see cref="SessionOpened"/> before the first byte,
/// then advances the upload one step at a time, each step a task piped back as a message so that pause, cancel and
/// status are answered during a PUT. Every <c>308</c> becomes <see cref="BytesAcknowledged"/>; the end is
/// <see cref="UploadCompleted"/>, <see cref="UploadFailed"/> or <see cref="UploadCancelled"/>, after which it stops.
/// After recovery, a pause or any interruption it queries the server's status first and re-checks the source file.
/// </summary>
/// <remarks>This file: lifecycle and commands. <c>UploadSessionActor.Requests.cs</c>: the request tasks and their outcomes.</remarks>
internal sealed partial class UploadSessionActor : PersistentActor<TransferCommand>
{
    private const string ProgressTimer = "progress";
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly string _transferId;
    private readonly UploadOrder? _order;
    private readonly IActorRef<SupervisorCommand> _supervisor;
    private readonly UploadRuntime _runtime;

    private UploadState _state = UploadState.Empty;
    private bool _admitted;
    private string? _lastError;
    private int _retries;
    private string? _lastRetryCause;
    private DateTimeOffset? _nextRetryAt;

    /// <param name="transferId">The transfer id and persistence id.</param>
    /// <param name="order">The new upload's order, recorded as its first event; <c>null</c> when it is in the journal already.</param>
    /// <param name="supervisor">Where readiness and status changes are reported.</param>
    /// <param name="runtime">The engine's shared upload machinery.</param>
    public UploadSessionActor(string transferId, UploadOrder? order, IActorRef<SupervisorCommand> supervisor, UploadRuntime runtime)
    {
        _transferId = transferId;
        _order = order;
        _supervisor = supervisor;
        _runtime = runtime;
    }

    public override string PersistenceId => _transferId;

    private DateTimeOffset Now => _runtime.Time.GetUtcNow();

    protected override object? CreateSnapshot() => _state;

    protected override void ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer { Snapshot: UploadState snapshot }:
                _state = snapshot;
                break;
            case SnapshotOffer offer:
                throw new InvalidDataException($"The snapshot of upload '{_transferId}' is a {offer.Snapshot.GetType().Name}, not an upload state; the journal mixes transfer kinds under one id.");
            case UploadEvent e:
                _state = _state.Apply(e);
                break;
            case RecoveryCompleted:
                OnRecovered();
                break;
            default:
                throw new InvalidDataException($"Upload '{_transferId}' replayed a {message.GetType().Name}, which is not an upload event.");
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
            case UploadRequestEnded ended when ended.Generation == _generation: OnRequestEnded(ended.Outcome); break;
            case UploadRequestCrashed crashed when crashed.Generation == _generation: OnRequestCrashed(crashed.Error); break;
            case UploadRetryScheduled retry when retry.Generation == _generation: OnRetryScheduled(retry.Notice); break;
            case UploadProgressTick: OnProgressTick(); break;
            // Anything else is the late outcome of a request cancelled by a pause or cancel: harmless by design.
        }
    }

    protected override void PostStop() => CancelRequest();

    private void OnRecovered()
    {
        if (_state.Request is null)
        {
            if (_order is null)
            {
                // Nothing to run: a stream without its request (deleted, or written by something else).
                Report(new TransferUpdated(Status() with { Phase = TransferPhase.Failed, LastError = $"Upload '{_transferId}' has no recorded request in the journal; start the upload again." }));
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
        // Recovered an existing upload: the server may hold more than the journal says, and the file may have changed.
        _queryFirst = true;
        _verifySource = true;
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
            _queryFirst = true;
            _verifySource = true;
            Record(new UploadResumed(Now), Advance);
            return;
        }
        Report(new TransferUpdated(Status()));
        Advance();
    }

    private void OnPause(IActorRef<TransferStatus> replyTo)
    {
        if (_state.Phase != TransferPhase.Active)
        {
            // Already paused (or finished): nothing to record, but the supervisor may show it queued for a resume.
            Report(new TransferUpdated(Status()));
            replyTo.Tell(Status());
            return;
        }
        CancelRequest();
        _admitted = false;
        _queryFirst = true;
        _verifySource = true;
        Record(new UploadPaused(Now), () =>
        {
            Log.LogInformation("Upload {TransferId} paused at {Acknowledged} of {Size} bytes acknowledged", _transferId, _state.Acknowledged, _state.Request?.Size);
            replyTo.Tell(Status());
        });
    }

    private void OnCancel(IActorRef<TransferStatus> replyTo)
    {
        if (_state.Phase is TransferPhase.Completed or TransferPhase.Cancelled)
        {
            replyTo.Tell(Status());
            return;
        }
        CancelRequest();
        Record(new UploadCancelled(Now), () =>
        {
            replyTo.Tell(Status());
            Finish();
        });
    }

    private void OnRetryScheduled(RetryNotice notice)
    {
        _retries++;
        _lastRetryCause = $"{notice.Cause}: {notice.Detail}";
        _lastError = _lastRetryCause;
        _nextRetryAt = Now + notice.Delay;
        Report(new TransferUpdated(Status()));
    }

    /// <summary>Persists <paramref name="event"/>, folds it into the state, reports the new status, then runs <paramref name="then"/>.</summary>
    private void Record(UploadEvent @event, Action then) =>
        Persist(@event, e =>
        {
            _state = _state.Apply(e);
            Report(new TransferUpdated(Status()));
            then();
        });

    /// <summary>Fails the upload for good with a reason naming the transfer and the file.</summary>
    private void Fail(string reason) =>
        Record(new UploadFailed($"Upload {_transferId} of '{_state.Request?.SourcePath}' failed: {reason}", Now), () =>
        {
            Log.LogWarning("{Reason}", _state.FailureReason);
            Finish();
        });

    /// <summary>Nothing more to do: stop (passivate); the supervisor keeps the final status.</summary>
    private void Finish()
    {
        _admitted = false;
        Context.Stop(Self);
    }

    private void Report(SupervisorCommand notice) => _supervisor.Tell(notice);

    private TransferStatus Status() => UploadStatusView.From(_transferId, _state,
        new UploadLiveStatus(_admitted, BytesSent, _retries, _lastRetryCause, _nextRetryAt, _lastError));
}
