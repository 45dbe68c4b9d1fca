using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>
/// Runs one download step with retries (Polly.Core via <see cref="StepPipeline{TOutcome}"/>), for an actor that starts
/// it as a task and receives the outcome as a message: any Drive call, one poll (with its computed next delay), or one
/// content fetch that returns as soon as bytes were written so the actor can record them. Transient outcomes never
/// come back: they become <see cref="DriveFailureKind.RetriesExhausted"/> or <see cref="DriveFailureKind.DeadlineExceeded"/>.
/// </summary>
public sealed class DownloadStepRunner
{
    private readonly DriveClient _client;
    private readonly RetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly BackoffSchedule _pollSchedule;
    private readonly StepPipeline<ContentOutcome> _contentPipeline;

    /// <summary>
    /// Retries follow <paramref name="retry"/> (<c>engine.retry</c>); polls follow <c>engine.download.poll</c> of
    /// <paramref name="download"/>; jitter comes from <paramref name="random"/> (seeded in tests).
    /// </summary>
    public DownloadStepRunner(DriveClient client, DownloadOptions download, RetryOptions retry, TimeProvider time, Random random)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        download.Validate();
        retry.Validate();
        _retry = retry;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _random = random ?? throw new ArgumentNullException(nameof(random));
        _pollSchedule = download.Poll.Schedule(random);
        _contentPipeline = new StepPipeline<ContentOutcome>(BackoffSchedule.For(retry, random), retry.MaxAttempts,
            o => o is ContentOutcome.Interrupted { Bytes: 0, Failure: var f } ? f : null, time);
    }

    /// <summary>The delay after poll <paramref name="attempt"/> (0-based): exponential with full jitter, capped by <c>poll.max-delay</c>.</summary>
    public TimeSpan PollDelay(int attempt) => _pollSchedule.Delay(attempt);

    /// <summary>Runs any Drive call (<c>files.download</c>, <c>files.get</c>, <c>revisions.list</c>…) with retries until <paramref name="deadline"/>.</summary>
    public async Task<DriveOutcome<T>> RunAsync<T>(Func<CancellationToken, Task<DriveOutcome<T>>> call, DateTimeOffset deadline,
        Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var pipeline = new StepPipeline<DriveOutcome<T>>(BackoffSchedule.For(_retry, _random), _retry.MaxAttempts,
            o => o is DriveOutcome<T>.Transient { Failure: var f } ? f : null, _time);
        var result = await pipeline.ExecuteAsync((_, ct) => new ValueTask<DriveOutcome<T>>(call(ct)), deadline, onRetry, cancellationToken).ConfigureAwait(false);
        return result.End switch
        {
            StepEnd.Finished => result.Last!,
            StepEnd.RetriesExhausted => new DriveOutcome<T>.Failed(Exhausted(((DriveOutcome<T>.Transient)result.Last!).Failure, result.Attempts)),
            _ => new DriveOutcome<T>.Failed(DeadlinePassed((result.Last as DriveOutcome<T>.Transient)?.Failure, result.Attempts)),
        };
    }

    /// <summary>
    /// Waits <see cref="PollStep.Wait"/>, then polls (retrying transient failures), and says how long to wait before
    /// the next poll. Past <see cref="PollStep.PollDeadline"/> the result is a <see cref="DriveFailureKind.DeadlineExceeded"/> failure.
    /// </summary>
    public async Task<PollOutcome> PollAsync(PollStep step, BearerToken token, Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentOutOfRangeException.ThrowIfNegative(step.Attempt);
        var nextDelay = PollDelay(step.Attempt);
        var wait = Min(step.Wait, step.PollDeadline - _time.GetUtcNow());
        if (wait > TimeSpan.Zero) await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        if (_time.GetUtcNow() >= step.PollDeadline)
            return new PollOutcome(new DriveOutcome<OperationState>.Failed(new DriveFailure(DriveFailureKind.DeadlineExceeded,
                $"Operation '{step.Operation.Name}' for file '{step.Operation.File}' was still pending at the poll deadline (engine.download.poll.deadline, {step.Attempt} polls). " +
                "Start the download again later, or raise engine.download.poll.deadline.", CanonicalCode.DeadlineExceeded)), step.Attempt, nextDelay);
        var result = await RunAsync(ct => _client.GetOperationAsync(step.Operation, token, ct), step.PollDeadline, onRetry, cancellationToken).ConfigureAwait(false);
        return new PollOutcome(result, step.Attempt, nextDelay);
    }

    /// <summary>
    /// Fetches <paramref name="request"/> into <paramref name="destination"/>, retrying failures that wrote nothing.
    /// Returns as soon as bytes were written (<see cref="ContentOutcome.Received"/>, or <see cref="ContentOutcome.Interrupted"/>
    /// with bytes &gt; 0: record them, then fetch the rest), or on <see cref="ContentOutcome.RangeIgnored"/> and failures.
    /// </summary>
    public async Task<ContentOutcome> FetchAsync(ContentRequest request, Stream destination, TransferProgress progress, BearerToken token,
        DateTimeOffset deadline, Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        var result = await _contentPipeline.ExecuteAsync(
            (_, ct) => new ValueTask<ContentOutcome>(_client.FetchContentAsync(request, destination, progress, token, ct)),
            deadline, onRetry, cancellationToken).ConfigureAwait(false);
        return result.End switch
        {
            StepEnd.Finished => result.Last!,
            StepEnd.RetriesExhausted => new ContentOutcome.Failed(0, Exhausted(((ContentOutcome.Interrupted)result.Last!).Failure, result.Attempts)),
            _ => new ContentOutcome.Failed(0, DeadlinePassed((result.Last as ContentOutcome.Interrupted)?.Failure, result.Attempts)),
        };
    }

    private static DriveFailure Exhausted(TransientFailure last, int attempts) =>
        new(DriveFailureKind.RetriesExhausted, StepFailureText.Exhausted("downloading", attempts, last.Detail), CanonicalCode.Unavailable);

    private static DriveFailure DeadlinePassed(TransientFailure? last, int attempts) =>
        new(DriveFailureKind.DeadlineExceeded, StepFailureText.DeadlinePassed("downloading", attempts, last?.Detail), CanonicalCode.DeadlineExceeded);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
