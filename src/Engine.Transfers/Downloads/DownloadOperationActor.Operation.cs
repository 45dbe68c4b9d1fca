using Engine.Protocol.Download;

namespace Engine.Transfers.Downloads;

/// <summary>This file: <c>download()</c>, polling with recorded backoff, and what an operation's end means.</summary>
internal sealed partial class DownloadOperationActor
{
    /// <summary><c>files.get</c>, the spec's checks and <c>download()</c>, once the backoff after a failed operation is over.</summary>
    private void StartOperation()
    {
        if (WaitUntil(State.RetryAt)) return;
        _stepInFlight = true;
        var (runtime, request, deadline, onRetry) = (_runtime, State.Request!, Deadline, RetryObserver());
        Launch(ct => DownloadTasks.StartOperationAsync(runtime, request, deadline, onRetry, ct), (g, outcome) => new OperationRequestEnded(g, outcome));
    }

    /// <summary>Replaces an operation past its lifetime, else polls it once its recorded backoff is over.</summary>
    private void ContinueOperation()
    {
        var lifetime = _runtime.Options.OperationLifetime;
        if (State.OperationStartedAt + lifetime <= Now)
        {
            ReplaceOperation($"operation '{State.OperationName}' is older than engine.download.operation-lifetime ({lifetime}) and may be gone; a new download() replaces it");
            return;
        }
        if (WaitUntil(State.NextPollAt)) return;
        _stepInFlight = true;
        var step = new PollStep(new OperationRef(State.OperationName!, DownloadTasks.FileOf(State.Request!)), State.NextPollAttempt, TimeSpan.Zero,
            State.OperationStartedAt!.Value + _runtime.Options.Poll.Deadline);
        var (runtime, request, onRetry) = (_runtime, State.Request!, RetryObserver());
        Launch(ct => DownloadTasks.PollAsync(runtime, request, step, onRetry, ct), (g, outcome) => new PollEnded(g, outcome));
    }

    private void OnOperationRequestEnded(StartOutcome outcome)
    {
        _stepInFlight = false;
        switch (outcome)
        {
            case StartOutcome.Refused refused:
                Fail(CanonicalCodes.Of(refused.Reason.Code).Name, refused.Reason.Message);
                break;
            case StartOutcome.Failed failed:
                FailWith(failed.Failure);
                break;
            case StartOutcome.Direct direct:
                Record(new ContentReady(direct.Uri.AbsoluteUri, PartialAllowed: true, direct.ContentSize, Now), Advance);
                break;
            case StartOutcome.Started { Operation: var operation, ContentSize: var size }:
                var started = new OperationStarted(operation.Name, size, Now);
                switch (operation)
                {
                    case OperationState.Ready ready:
                        Record([started, ReadyOf(ready, size)], Advance);
                        break;
                    case OperationState.Failed failed:
                        Record(started, () => OnOperationFailed(failed));
                        break;
                    default:
                        Record(started, Advance);
                        break;
                }
                break;
        }
    }

    private void OnPollEnded(PollOutcome outcome)
    {
        _stepInFlight = false;
        PollResult Polled(bool done)
        {
            _runtime.Metrics.Polled(done); // every answered poll is recorded exactly once, through here
            return new(done, outcome.Attempt, outcome.NextDelay, Now);
        }
        switch (outcome.Result)
        {
            case DriveOutcome<OperationState>.Succeeded { Value: OperationState.Ready ready }:
                Record([Polled(true), ReadyOf(ready, State.ContentSize)], Advance);
                break;
            case DriveOutcome<OperationState>.Succeeded { Value: OperationState.Failed failed }:
                Record(Polled(true), () => OnOperationFailed(failed));
                break;
            case DriveOutcome<OperationState>.Succeeded:
                Record(Polled(false), Advance);
                break;
            default:
                var failure = DownloadTasks.FailureOf(outcome.Result);
                if (failure.Code == CanonicalCode.NotFound) ReplaceOperation($"operations.get answered NOT_FOUND: {failure.Message}");
                else FailWith(failure);
                break;
        }
    }

    /// <summary>
    /// The operation is gone (NOT_FOUND, or past its lifetime): a new <c>download()</c> replaces it, unless operations
    /// were lost or failed <c>engine.retry.max-attempts</c> times in a row without a byte written.
    /// </summary>
    private void ReplaceOperation(string reason)
    {
        if (GiveUpOperations(CanonicalCodes.Of(CanonicalCode.NotFound).Name, reason + ".")) return;
        NoteRetry(reason, "operation_lost");
        Record(new OperationLost(reason, Now), Advance);
    }

    /// <summary>Fails the download (and says so) when this is the <c>engine.retry.max-attempts</c>-th operation in a row lost or failed without a byte written.</summary>
    private bool GiveUpOperations(string code, string reason)
    {
        var failures = State.OperationFailures + 1;
        if (failures < _runtime.MaxAttempts) return false;
        Fail(code, $"{reason} Operations were lost or failed {failures} times in a row without a byte written (engine.retry.max-attempts = {_runtime.MaxAttempts}); check the file and the server, then resume the download.");
        return true;
    }

    /// <summary>
    /// The operation ended with a canonical error: a code the spec retries leads to a new <c>download()</c> after a
    /// backoff (at once for CANCELLED), up to <c>engine.retry.max-attempts</c> in a row; any other fails the download.
    /// </summary>
    private void OnOperationFailed(OperationState.Failed failed)
    {
        var code = failed.Code;
        var description = $"its operation failed with {failed.Describe()}";
        if (!code.IsRetryable)
        {
            Fail(code.Name, description);
            return;
        }
        if (GiveUpOperations(code.Name, description)) return;
        var delay = code.Action == CanonicalAction.RunAgain ? TimeSpan.Zero : _runtime.OperationBackoff.Delay(State.OperationFailures);
        NoteRetry(description, "operation_failed");
        Record(new OperationFailed(code.Name, description, delay, Now), Advance);
    }

    private ContentReady ReadyOf(OperationState.Ready ready, long? size) =>
        new(ready.DownloadUri.AbsoluteUri, ready.PartialDownloadAllowed, size, Now);
}
