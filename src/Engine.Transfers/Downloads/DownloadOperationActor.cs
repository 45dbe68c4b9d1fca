using Engine.Actors;
using Engine.Protocol.Download;
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
/// The lifecycle (recovery, admission, pause, cancel, status) is <see cref="TransferActor{TState, TEvent}"/>'s. This
/// file: the download's events, hooks and next step. <c>DownloadOperationActor.Operation.cs</c>: <c>download()</c> and
/// polling. <c>DownloadOperationActor.Content.cs</c>: the content fetch and the final rename.
/// </remarks>
internal sealed partial class DownloadOperationActor : TransferActor<DownloadState, DownloadEvent>
{
    private const string BackoffTimer = "backoff";

    private readonly DownloadRuntime _runtime;

    /// <summary>A task other than content (start, poll, seal) is in flight.</summary>
    private bool _stepInFlight;

    /// <summary>A backoff timer is armed.</summary>
    private bool _waiting;

    /// <param name="transferId">The transfer id and persistence id.</param>
    /// <param name="order">The new download's order, recorded as its first event; <c>null</c> when it is in the journal already.</param>
    /// <param name="supervisor">Where readiness and status changes are reported.</param>
    /// <param name="runtime">The engine's shared download machinery.</param>
    public DownloadOperationActor(string transferId, DownloadOrder? order, IActorRef<SupervisorCommand> supervisor, DownloadRuntime runtime)
        : base(transferId, TransferKind.Download, DownloadState.Empty, order, supervisor, runtime) =>
        _runtime = runtime;

    protected override DownloadEvent Paused(DateTimeOffset at) => new DownloadPaused(at);

    protected override DownloadEvent Resumed(DateTimeOffset at) => new DownloadResumed(at);

    protected override DownloadEvent Cancelled(DateTimeOffset at) => new DownloadCancelled(at);

    /// <summary>A cancelled download leaves no partial file behind.</summary>
    protected override void OnCancelled() => DeletePartialFile();

    protected override void ReceiveOutcome(TransferCommand message)
    {
        switch (message)
        {
            case OperationRequestEnded ended: OnOperationRequestEnded(ended.Outcome); break;
            case PollEnded polled: OnPollEnded(polled.Outcome); break;
            case ContentEnded ended: OnContentEnded(ended.Range, ended.Outcome); break;
            case FileSealed done: OnSealed(done.Sha256, done.Size); break;
            case BackoffElapsed: OnBackoffElapsed(); break;
        }
    }

    protected override void OnTaskCrashed(Exception error)
    {
        _stepInFlight = false;
        Fail(null, error.Message);
    }

    protected override void OnAbandoned()
    {
        _stepInFlight = false;
        _waiting = false;
        _inFlight.Clear();
    }

    protected override TransferStatus StatusOf(DownloadState state, TransferLiveStatus live) => DownloadStatusView.From(TransferId, state, live);

    /// <summary>
    /// Moves the download on by one step when admitted, active and idle: a new <c>download()</c> (after its backoff),
    /// a poll (after the recorded backoff), or content.
    /// </summary>
    protected override void Advance()
    {
        if (!Admitted || State.Phase != TransferPhase.Active || _stepInFlight || _waiting) return;
        if (State.ContentUri is not null) AdvanceContent();
        else if (State.OperationName is null) StartOperation();
        else ContinueOperation();
    }

    /// <summary>Arms the backoff timer when <paramref name="due"/> lies ahead; false when it is due now.</summary>
    private bool WaitUntil(DateTimeOffset? due)
    {
        var wait = due - Now;
        if (wait is not { } delay || delay <= TimeSpan.Zero) return false;
        _waiting = true;
        NextRetryAt = due;
        Timers.StartSingleTimer(BackoffTimer, new BackoffElapsed(Generation), delay);
        ReportWaiting(Now + delay);
        return true;
    }

    private void OnBackoffElapsed()
    {
        _waiting = false;
        NextRetryAt = null;
        Advance();
    }

    /// <summary>Fails the download for good (the partial file stays for a resume) with a reason naming the transfer, file and destination.</summary>
    private void Fail(string? code, string reason)
    {
        var request = State.Request!;
        Fail(new DownloadFailed(code, $"Download {TransferId} of file '{DownloadTasks.FileOf(request)}' to '{request.DestinationPath}' failed: {reason}", Now));
    }

    private void FailWith(DriveFailure failure) => Fail(failure.Code is { } code ? CanonicalCodes.Of(code).Name : null, failure.Message);
}
