using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Upload;
using Engine.Transfers.Sources;
using Engine.Transfers.Tokens;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Uploads;

/// <summary>This file: the one request task at a time (open a session, or advance the upload) and its outcome.</summary>
internal sealed partial class UploadSessionActor
{
    private bool _requestInFlight;
    private TransferProgress _progress = new();
    private long _requestStart;
    private bool _queryFirst = true;
    private bool _verifySource;

    private delegate Task<UploadOutcome> RequestCall(UploadStepRunner runner, BearerToken token, TransferProgress progress,
        Action<RetryNotice> onRetry, CancellationToken cancellationToken);

    /// <summary>Bytes sent: those acknowledged, plus what the request in flight has sent.</summary>
    protected override long BytesMoved => _requestInFlight
        ? Math.Min(State.Request?.Size ?? long.MaxValue, _requestStart + _progress.Bytes)
        : State.Acknowledged;

    /// <summary>Starts the next request when the upload is admitted, active and idle.</summary>
    protected override void Advance()
    {
        if (!Admitted || State.Phase != TransferPhase.Active || _requestInFlight) return;
        var request = State.Request!;
        var deadline = Deadline;
        if (State.SessionUri is null)
        {
            var session = new UploadSessionRequest(request.MetadataJson, request.Parts, request.Size, request.ContentType);
            Start((runner, token, _, onRetry, ct) => runner.OpenSessionAsync(session, token, deadline, onRetry, ct));
            return;
        }
        var step = new UploadStep(new UploadTarget(new Uri(State.SessionUri), request.SourcePath, request.Size, request.ContentType),
            State.Acknowledged, _queryFirst, deadline);
        Start((runner, token, progress, onRetry, ct) => runner.AdvanceAsync(step, token, progress, onRetry, ct));
    }

    private void Start(RequestCall call)
    {
        _requestInFlight = true;
        _requestStart = State.Acknowledged;
        var progress = _progress = new TransferProgress(_runtime.Metrics.BytesSent);
        var (runtime, request, verifySource, onRetry) = (_runtime, State.Request!, _verifySource, RetryObserver());
        Launch(ct => RunAsync(runtime, request, verifySource, call, progress, onRetry, ct), (generation, outcome) => new UploadRequestEnded(generation, outcome));
        StartProgressReports();
    }

    /// <summary>The request task: touches no actor state, only what it was given.</summary>
    private static async Task<UploadOutcome> RunAsync(UploadRuntime runtime, UploadRequested request, bool verifySource, RequestCall call,
        TransferProgress progress, Action<RetryNotice> onRetry, CancellationToken cancellationToken)
    {
        // Before every step: a file replaced or cut while it uploads must fail the upload, not complete it with a mix of versions.
        if (SourceChange(request, sampleContent: verifySource) is { } changed) return changed;
        var runner = runtime.RunnerFor(request);
        return await AuthorizedCall.RunAsync(runtime.Tokens, token => call(runner, token, progress, onRetry, cancellationToken),
            outcome => outcome is UploadOutcome.Failed { StatusCode: 401 }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A failure when the source is no longer the file the upload began with, else <c>null</c>. Size and write time are
    /// always compared; <paramref name="sampleContent"/> (before a resume) also hashes the sampled blocks.
    /// </summary>
    private static UploadOutcome.Failed? SourceChange(UploadRequested request, bool sampleContent)
    {
        string? change;
        try
        {
            change = sampleContent
                ? request.Fingerprint.DescribeChange(SourceFingerprint.Compute(request.SourcePath))
                : request.Fingerprint.DescribeMetadataChange(request.SourcePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new UploadOutcome.Failed(UploadFailureKind.SourceFile, $"the source file can no longer be read ({e.Message}). Restore it, then resume the transfer.");
        }
        return change is not null
            ? new UploadOutcome.Failed(UploadFailureKind.SourceFile,
                $"the source file changed since the upload began: {change}. Continuing would upload a mix of two versions; start a new upload of the file instead.")
            : null;
    }

    private void OnRequestEnded(UploadOutcome outcome)
    {
        EndRequest();
        switch (outcome)
        {
            case UploadOutcome.SessionOpened opened:
                Progressed();
                Record(new SessionOpened(opened.SessionUri.AbsoluteUri, Now), Advance);
                break;
            case UploadOutcome.Incomplete incomplete when incomplete.AcknowledgedBytes > State.Acknowledged:
                Progressed();
                Record(new BytesAcknowledged(incomplete.AcknowledgedBytes), Advance);
                break;
            case UploadOutcome.Completed completed:
                Progressed();
                Record(new UploadCompleted(completed.ResourceJson, Now), () =>
                {
                    Log.LogInformation("Upload {TransferId} of {File} completed: {Size} bytes in {Sessions} session(s), {Retries} retries",
                        TransferId, State.Request?.SourcePath, State.Request?.Size, State.SessionsOpened, Retries);
                    Finish();
                });
                break;
            case UploadOutcome.SessionExpired expired:
                LastError = $"The upload session expired (404): {expired.Detail}";
                Log.LogWarning("Upload {TransferId}: its session expired (404) at {Acknowledged} bytes acknowledged; opening a new one from byte 0",
                    TransferId, State.Acknowledged);
                Record(new SessionExpired(State.Acknowledged, Now), RestartSession);
                break;
            case UploadOutcome.Failed failed:
                Fail(failed.Message);
                break;
            default:
                // The runner ends a step only on progress or a final outcome; anything else is a defect worth failing loudly.
                Fail($"the upload step ended without progress ({outcome}). Resume the transfer; if this repeats, report it.");
                break;
        }
    }

    /// <summary>After an expiry: a new session from byte 0, unless the restarts allowed are used up.</summary>
    private void RestartSession()
    {
        if (State.SessionExpiries > _runtime.MaxSessionRestarts)
        {
            Fail($"its upload session expired {State.SessionExpiries} times (404), more than engine.upload.max-session-restarts = {_runtime.MaxSessionRestarts} allows. " +
                 "Check that the server keeps sessions long enough, then resume the transfer or raise the setting.");
            return;
        }
        _queryFirst = false; // a new session holds nothing
        Advance();
    }

    /// <summary>A fresh answer from the server: the next step needs no status query and no source check.</summary>
    private void Progressed()
    {
        _queryFirst = false;
        _verifySource = false;
        NextRetryAt = null;
    }

    private void EndRequest()
    {
        StopProgressReports();
        _requestInFlight = false;
    }
}
