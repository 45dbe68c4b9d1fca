using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Engine.Protocol.Resilience;

/// <summary>
/// One step of a transfer as a Polly.Core pipeline: attempts run until one is not transient, with exponential backoff
/// (a longer <c>Retry-After</c> wins) between them, at most <c>max-attempts</c> of them, all within the transfer's
/// deadline. A step is "make progress", so the attempt counter starts afresh with every step: progress resets it.
/// </summary>
public sealed class StepPipeline<TOutcome> where TOutcome : class
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> DeadlineKey = new("engine.step.deadline");
    private static readonly ResiliencePropertyKey<Action<RetryNotice>?> ObserverKey = new("engine.step.observer");

    // Polly's timers cannot be armed beyond ~24 days; a longer deadline is simply not reached within one step.
    private static readonly TimeSpan LongestTimeout = TimeSpan.FromDays(24);

    private readonly ResiliencePipeline<TOutcome> _pipeline;
    private readonly TimeProvider _time;
    private readonly Func<TOutcome, TransientFailure?> _transientOf;

    /// <param name="schedule">The delay before each retry.</param>
    /// <param name="maxAttempts">Attempts per step (the first one included).</param>
    /// <param name="transientOf">Says whether an outcome is to be retried, and why.</param>
    /// <param name="time">The clock of delays and the deadline.</param>
    public StepPipeline(BackoffSchedule schedule, int maxAttempts, Func<TOutcome, TransientFailure?> transientOf, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        _transientOf = transientOf ?? throw new ArgumentNullException(nameof(transientOf));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _pipeline = new ResiliencePipelineBuilder<TOutcome> { TimeProvider = time }
            .AddTimeout(new TimeoutStrategyOptions
            {
                TimeoutGenerator = args => ValueTask.FromResult(Remaining(args.Context)),
            })
            .AddRetry(new RetryStrategyOptions<TOutcome>
            {
                // The attempt limit lives here (not in MaxRetryAttempts, which cannot be 0) so one rule governs it.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = args => ValueTask.FromResult(
                    args.AttemptNumber < maxAttempts - 1 && args.Outcome.Result is { } result && transientOf(result) is not null),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    schedule.Delay(args.AttemptNumber, transientOf(args.Outcome.Result!)!.RetryAfter)),
                OnRetry = args =>
                {
                    if (args.Context.Properties.GetValue(ObserverKey, null) is { } observer)
                    {
                        var failure = transientOf(args.Outcome.Result!)!;
                        observer(new RetryNotice(failure.Cause, args.AttemptNumber + 1, args.RetryDelay, failure.Detail));
                    }
                    return default;
                },
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="attempt"/> (given the 0-based attempt number and the token to honour) until it is not
    /// transient, the attempts run out, or <paramref name="deadline"/> passes. The caller's own cancellation propagates.
    /// </summary>
    public async Task<StepResult<TOutcome>> ExecuteAsync(Func<int, CancellationToken, ValueTask<TOutcome>> attempt,
        DateTimeOffset deadline, Action<RetryNotice>? onRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        if (deadline <= _time.GetUtcNow()) return new StepResult<TOutcome>(StepEnd.DeadlineExceeded, null, 0);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DeadlineKey, deadline);
        context.Properties.Set(ObserverKey, onRetry);
        var attempts = 0;
        TOutcome? last = null;
        try
        {
            var outcome = await _pipeline.ExecuteAsync(async ctx =>
            {
                last = await attempt(attempts++, ctx.CancellationToken).ConfigureAwait(false);
                return last;
            }, context).ConfigureAwait(false);
            // A transient outcome only gets out of the retry strategy when the attempts ran out.
            return new StepResult<TOutcome>(_transientOf(outcome) is null ? StepEnd.Finished : StepEnd.RetriesExhausted, outcome, attempts);
        }
        catch (TimeoutRejectedException) when (!cancellationToken.IsCancellationRequested)
        {
            return new StepResult<TOutcome>(StepEnd.DeadlineExceeded, last, attempts);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private TimeSpan Remaining(ResilienceContext context)
    {
        var remaining = context.Properties.GetValue(DeadlineKey, DateTimeOffset.MaxValue) - _time.GetUtcNow();
        // Polly reads a non-positive timeout as "none"; the deadline check before the run covers an already-past one.
        return remaining > LongestTimeout ? LongestTimeout : remaining > TimeSpan.Zero ? remaining : TimeSpan.FromTicks(1);
    }
}
