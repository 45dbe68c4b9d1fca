using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>
/// One resumable upload, event-sourced (persistence id = transfer id, <c>upload-&lt;guid v7&gt;</c>). It records the
/// order (<see cref="UploadRequested"/>), opens a session and records <see cref="SessionOpened"/> before the first byte,
/// then advances the upload one step at a time, each step a task piped back as a message so that pause, cancel and
/// status are answered during a PUT. Every <c>308</c> becomes <see cref="BytesAcknowledged"/>; the end is
/// <see cref="UploadCompleted"/>, <see cref="UploadFailed"/> or <see cref="UploadCancelled"/>, after which it stops.
/// After recovery, a pause or any interruption it queries the server's status first and re-checks the source file.
/// </summary>
/// <remarks>
/// The lifecycle (recovery, admission, pause, cancel, status) is <see cref="TransferActor{TState, TEvent}"/>'s. This
/// file: the upload's events and hooks. <c>UploadSessionActor.Requests.cs</c>: the request tasks and their outcomes.
/// </remarks>
internal sealed partial class UploadSessionActor : TransferActor<UploadState, UploadEvent>
{
    private readonly UploadRuntime _runtime;

    /// <param name="transferId">The transfer id and persistence id.</param>
    /// <param name="order">The new upload's order, recorded as its first event; <c>null</c> when it is in the journal already.</param>
    /// <param name="supervisor">Where readiness and status changes are reported.</param>
    /// <param name="runtime">The engine's shared upload machinery.</param>
    public UploadSessionActor(string transferId, UploadOrder? order, IActorRef<SupervisorCommand> supervisor, UploadRuntime runtime)
        : base(transferId, TransferKind.Upload, UploadState.Empty, order, supervisor, runtime) =>
        _runtime = runtime;

    protected override UploadEvent Paused(DateTimeOffset at) => new UploadPaused(at);

    protected override UploadEvent Resumed(DateTimeOffset at) => new UploadResumed(at);

    protected override UploadEvent Cancelled(DateTimeOffset at) => new UploadCancelled(at);

    /// <summary>The server may hold more than the journal says, and the file may have changed: query first, check the source.</summary>
    protected override void OnInterrupted()
    {
        _queryFirst = true;
        _verifySource = true;
    }

    protected override void ReceiveOutcome(TransferCommand message)
    {
        if (message is UploadRequestEnded ended) OnRequestEnded(ended.Outcome);
    }

    protected override void OnTaskCrashed(Exception error)
    {
        EndRequest();
        Fail(error.Message);
    }

    protected override void OnAbandoned() => _requestInFlight = false;

    protected override TransferStatus StatusOf(UploadState state, TransferLiveStatus live) => UploadStatusView.From(TransferId, state, live);

    /// <summary>Fails the upload for good with a reason naming the transfer and the file.</summary>
    private void Fail(string reason) =>
        Fail(new UploadFailed($"Upload {TransferId} of '{State.Request?.SourcePath}' failed: {reason}", Now));
}
