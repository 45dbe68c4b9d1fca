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
    /// <summary>Bumped whenever a request starts or is cancelled: outcomes of cancelled requests carry an old number and are ignored.</summary>
    private int _generation;
    private CancellationTokenSource? _request;
    private TransferProgress _progress = new();
    private long _requestStart;
    private long _reportedBytes;
    private bool _queryFirst = true;
    private bool _verifySource;

    private delegate Task<UploadOutcome> RequestCall(UploadStepRunner runner, BearerToken token, TransferProgress progress,
        Action<RetryNotice> onRetry, CancellationToken cancellationToken);

    private long BytesSent => _request is null
        ? _state.Acknowledged
        : Math.Min(_state.Request?.Size ?? long.MaxValue, _requestStart + _progress.Bytes);

    /// <summary>Starts the next request when the upload is admitted, active and idle.</summary>
    private void Advance()
    {
        if (!_admitted || _state.Phase != TransferPhase.Active || _request is not null) return;
        var request = _state.Request!;
        var deadline = _state.RunningSince + _runtime.Deadline;
        if (_state.SessionUri is null)
        {
            var session = new UploadSessionRequest(request.MetadataJson, request.Parts, request.Size, request.ContentType);
            Start((runner, token, _, onRetry, ct) => runner.OpenSessionAsync(session, token, deadline, onRetry, ct));
            return;
        }
        var step = new UploadStep(new UploadTarget(new Uri(_state.SessionUri), request.SourcePath, request.Size, request.ContentType),
            _state.Acknowledged, _queryFirst, deadline);
        Start((runner, token, progress, onRetry, ct) => runner.AdvanceAsync(step, token, progress, onRetry, ct));
    }

    private void Start(RequestCall call)
    {
        var generation = ++_generation;
        var cancellation = new CancellationTokenSource();
        _request = cancellation;
        _requestStart = _state.Acknowledged;
        var progress = _progress = new TransferProgress();
        var self = Self;
        var runtime = _runtime;
        var request = _state.Request!;
        var verifySource = _verifySource;
        void OnRetry(RetryNotice notice) => self.Tell(new UploadRetryScheduled(generation, notice));
        // Task.Run: the fingerprint check and the token source may do I/O; none of it runs on the actor's turn.
        var task = Task.Run(() => RunAsync(runtime, request, verifySource, call, progress, OnRetry, cancellation.Token), cancellation.Token);
        Context.PipeToSelf(task, outcome => new UploadRequestEnded(generation, outcome), error => new UploadRequestCrashed(generation, error));
        Timers.StartPeriodicTimer(ProgressTimer, UploadProgressTick.Instance, ProgressInterval);
    }

    /// <summary>The request task: touches no actor state, only what it was given.</summary>
    private static async Task<UploadOutcome> RunAsync(UploadRuntime runtime, UploadRequested request, bool verifySource, RequestCall call,
        TransferProgress progress, Action<RetryNotice> onRetry, CancellationToken cancellationToken)
    {
        if (verifySource && SourceChange(request) is { } changed) return changed;
        var runner = runtime.RunnerFor(request);
        return await AuthorizedCall.RunAsync(runtime.Tokens, token => call(runner, token, progress, onRetry, cancellationToken),
            outcome => outcome is UploadOutcome.Failed { StatusCode: 401 }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A failure when the source is no longer the file the upload began with, else <c>null</c>.</summary>
    private static UploadOutcome.Failed? SourceChange(UploadRequested request)
    {
        SourceFingerprint current;
        try
        {
            current = SourceFingerprint.Compute(request.SourcePath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new UploadOutcome.Failed(UploadFailureKind.SourceFile, $"the source file can no longer be read ({e.Message}). Restore it, then resume the transfer.");
        }
        return request.Fingerprint.DescribeChange(current) is { } change
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
            case UploadOutcome.Incomplete incomplete when incomplete.AcknowledgedBytes > _state.Acknowledged:
                Progressed();
                Record(new BytesAcknowledged(incomplete.AcknowledgedBytes), Advance);
                break;
            case UploadOutcome.Completed completed:
                Progressed();
                Record(new UploadCompleted(completed.ResourceJson, Now), () =>
                {
                    Log.LogInformation("Upload {TransferId} of {File} completed: {Size} bytes in {Sessions} session(s), {Retries} retries",
                        _transferId, _state.Request?.SourcePath, _state.Request?.Size, _state.SessionsOpened, _retries);
                    Finish();
                });
                break;
            case UploadOutcome.SessionExpired expired:
                _lastError = $"The upload session expired (404): {expired.Detail}";
                Log.LogWarning("Upload {TransferId}: its session expired (404) at {Acknowledged} bytes acknowledged; opening a new one from byte 0",
                    _transferId, _state.Acknowledged);
                Record(new SessionExpired(_state.Acknowledged, Now), RestartSession);
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

    private void OnRequestCrashed(Exception error)
    {
        EndRequest();
        Fail(error.Message);
    }

    /// <summary>After an expiry: a new session from byte 0, unless the restarts allowed are used up.</summary>
    private void RestartSession()
    {
        if (_state.SessionExpiries > _runtime.MaxSessionRestarts)
        {
            Fail($"its upload session expired {_state.SessionExpiries} times (404), more than engine.upload.max-session-restarts = {_runtime.MaxSessionRestarts} allows. " +
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
        _nextRetryAt = null;
    }

    private void OnProgressTick()
    {
        var sent = BytesSent;
        if (sent == _reportedBytes) return;
        _reportedBytes = sent;
        Report(new Supervision.TransferUpdated(Status()));
    }

    private void EndRequest()
    {
        Timers.Cancel(ProgressTimer);
        _request?.Dispose();
        _request = null;
    }

    /// <summary>Abandons the request in flight, if any; its late outcome will be ignored.</summary>
    private void CancelRequest()
    {
        _generation++;
        if (_request is null) return;
        // Not disposed: the request task may still register on its token while it unwinds.
        _request.Cancel();
        _request = null;
        Timers.Cancel(ProgressTimer);
    }
}
