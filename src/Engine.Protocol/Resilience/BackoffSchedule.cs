namespace Engine.Protocol.Resilience;

/// <summary>
/// Exponential backoff as a pure function: the delay before retry number <c>attempt</c> (0-based) is
/// <c>min(max, initial × multiplier^attempt)</c>, jittered, and never shorter than a server's <c>Retry-After</c>.
/// </summary>
public sealed class BackoffSchedule
{
    private readonly TimeSpan _initial;
    private readonly TimeSpan _max;
    private readonly double _multiplier;
    private readonly JitterMode _jitter;
    private readonly Random _random;

    /// <summary>Jitter comes from <paramref name="random"/>: seeded in tests, <see cref="Random.Shared"/> (thread-safe) in production.</summary>
    public BackoffSchedule(TimeSpan initial, TimeSpan max, double multiplier, JitterMode jitter, Random random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initial, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(multiplier, 1.0);
        _initial = initial;
        _max = max;
        _multiplier = multiplier;
        _jitter = jitter;
        _random = random ?? throw new ArgumentNullException(nameof(random));
    }

    /// <summary>The schedule of <c>engine.retry</c>.</summary>
    public static BackoffSchedule For(RetryOptions options, Random random) =>
        new(options.InitialDelay, options.MaxDelay, options.Multiplier, options.Jitter, random);

    /// <summary>The un-jittered delay before retry <paramref name="attempt"/>: the upper bound of the jittered one.</summary>
    public TimeSpan Ceiling(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        var ticks = _initial.Ticks * Math.Pow(_multiplier, attempt);
        return double.IsFinite(ticks) && ticks < _max.Ticks ? TimeSpan.FromTicks((long)ticks) : _max;
    }

    /// <summary>The delay before retry <paramref name="attempt"/>; a longer <paramref name="retryAfter"/> wins.</summary>
    public TimeSpan Delay(int attempt, TimeSpan? retryAfter = null)
    {
        var ceiling = Ceiling(attempt);
        var jittered = _jitter switch
        {
            JitterMode.Full => TimeSpan.FromTicks((long)(ceiling.Ticks * _random.NextDouble())),
            JitterMode.Equal => TimeSpan.FromTicks(ceiling.Ticks / 2 + (long)(ceiling.Ticks / 2 * _random.NextDouble())),
            _ => ceiling,
        };
        return retryAfter is { } wait && wait > jittered ? wait : jittered;
    }
}
