using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Upload;

/// <summary>
/// Runs one upload step with retries, for an actor that starts it as a task and receives the outcome as a message.
/// A step either makes progress (<see cref="UploadOutcome.Incomplete"/> above the step's start, which the actor
/// persists before the next step), ends the upload (<see cref="UploadOutcome.Completed"/>,
/// <see cref="UploadOutcome.SessionExpired"/>, <see cref="UploadOutcome.Failed"/>), or gives up
/// (<see cref="UploadFailureKind.RetriesExhausted"/>, <see cref="UploadFailureKind.DeadlineExceeded"/>). Never
/// returns <see cref="UploadOutcome.Resumable"/>.
/// </summary>
public sealed class UploadStepRunner
{
    private readonly ResumableUploadClient _client;
    private readonly StepPipeline<UploadOutcome> _pipeline;

    /// <param name="client">The wire client.</param>
    /// <param name="retry">Backoff, attempts per step and the stall timeout (<c>engine.retry</c>).</param>
    /// <param name="time">The clock of backoff delays and deadlines.</param>
    /// <param name="random">The jitter source (seeded in tests, <see cref="Random.Shared"/> otherwise).</param>
    public UploadStepRunner(ResumableUploadClient client, RetryOptions retry, TimeProvider time, Random random)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        retry.Validate();
        _pipeline = new StepPipeline<UploadOutcome>(BackoffSchedule.For(retry, random), retry.MaxAttempts, TransientOf, time);
    }

    /// <summary>Opens a session, retrying transient failures (§1).</summary>
    public async Task<UploadOutcome> OpenSessionAsync(UploadSessionRequest session, BearerToken token, DateTimeOffset deadline,
        Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        var result = await _pipeline.ExecuteAsync((_, ct) => new ValueTask<UploadOutcome>(_client.OpenSessionAsync(session, token, ct)),
            deadline, onRetry, cancellationToken).ConfigureAwait(false);
        return Conclude(result, "opening the upload session");
    }

    /// <summary>
    /// Moves the upload past <see cref="UploadStep.Acknowledged"/>: (status query if asked, then) send from the
    /// server's offset; after a transient fault wait, query status, and send again from the server's <c>Range</c> end + 1.
    /// <paramref name="progress"/> counts body bytes as they are sent.
    /// </summary>
    public async Task<UploadOutcome> AdvanceAsync(UploadStep step, BearerToken token, TransferProgress progress,
        Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        var queryFirst = step.QueryFirst;
        // With every byte acknowledged only the server's final answer is missing; an empty file still needs its one PUT.
        var everythingAcknowledged = step.Acknowledged == step.Target.TotalBytes && step.Target.TotalBytes > 0;
        var result = await _pipeline.ExecuteAsync(async (_, ct) =>
        {
            if (queryFirst || everythingAcknowledged)
            {
                var status = await _client.QueryStatusAsync(step.Target, step.Acknowledged, token, ct).ConfigureAwait(false);
                if (status is not UploadOutcome.Incomplete incomplete || incomplete.AcknowledgedBytes > step.Acknowledged)
                    return status;
                // The server holds exactly what was acknowledged before: send from there.
                queryFirst = false;
                if (everythingAcknowledged)
                    return NoProgress("the server holds every byte but has not completed the upload");
            }
            var sent = await _client.SendAsync(step.Target, step.Acknowledged, token, progress, ct).ConfigureAwait(false);
            switch (sent)
            {
                case UploadOutcome.Incomplete incomplete when incomplete.AcknowledgedBytes > step.Acknowledged:
                    return sent;
                case UploadOutcome.Incomplete:
                    queryFirst = true;
                    return NoProgress("the server acknowledged none of the bytes just sent");
                case UploadOutcome.Resumable:
                    queryFirst = true;
                    return sent;
                default:
                    return sent;
            }
        }, step.Deadline, onRetry, cancellationToken).ConfigureAwait(false);
        return Conclude(result, $"uploading from byte {step.Acknowledged}");
    }

    private static UploadOutcome NoProgress(string detail) => new UploadOutcome.Resumable(TransientCause.NoProgress, null, detail);

    private static TransientFailure? TransientOf(UploadOutcome outcome) =>
        outcome is UploadOutcome.Resumable r ? new TransientFailure(r.Cause, r.RetryAfter, r.Detail) : null;

    private static UploadOutcome Conclude(StepResult<UploadOutcome> result, string what) => result.End switch
    {
        StepEnd.Finished => result.Last!,
        StepEnd.RetriesExhausted => new UploadOutcome.Failed(UploadFailureKind.RetriesExhausted,
            StepFailureText.Exhausted(what, result.Attempts, ((UploadOutcome.Resumable)result.Last!).Detail)),
        _ => new UploadOutcome.Failed(UploadFailureKind.DeadlineExceeded,
            StepFailureText.DeadlinePassed(what, result.Attempts, (result.Last as UploadOutcome.Resumable)?.Detail)),
    };
}
