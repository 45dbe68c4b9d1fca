namespace Engine.Protocol.Resilience;

/// <summary>Settings under <c>engine.retry</c> (property names are the HOCON keys in PascalCase).</summary>
public sealed class RetryOptions
{
    /// <summary><c>initial-delay</c>: the first backoff delay.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary><c>max-delay</c>: the cap of the exponential delay (a longer <c>Retry-After</c> still wins).</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>multiplier</c>: growth factor between consecutive delays.</summary>
    public double Multiplier { get; set; } = 2.0;

    /// <summary><c>jitter</c>: randomisation of each delay.</summary>
    public JitterMode Jitter { get; set; } = JitterMode.Full;

    /// <summary><c>max-attempts</c>: attempts per step without progress (the counter resets after progress).</summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary><c>stall-timeout</c>: a request with no byte progress (or no answer) for this long is abandoned and retried.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary><c>deadline</c>: total time a transfer may take, across retries and restarts.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Throws a clear error naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(InitialDelay > TimeSpan.Zero, "engine.retry.initial-delay", InitialDelay, "must be positive");
        Require(MaxDelay >= InitialDelay, "engine.retry.max-delay", MaxDelay, "must be at least engine.retry.initial-delay");
        Require(Multiplier >= 1.0 && double.IsFinite(Multiplier), "engine.retry.multiplier", Multiplier, "must be a finite number ≥ 1");
        Require(Enum.IsDefined(Jitter), "engine.retry.jitter", Jitter, "must be none, full or equal");
        Require(MaxAttempts >= 1, "engine.retry.max-attempts", MaxAttempts, "must be at least 1");
        Require(StallTimeout > TimeSpan.Zero, "engine.retry.stall-timeout", StallTimeout, "must be positive");
        Require(Deadline > TimeSpan.Zero, "engine.retry.deadline", Deadline, "must be positive");
    }

    internal static void Require(bool condition, string key, object value, string rule)
    {
        if (!condition) throw new ArgumentException($"Setting {key} = {value} is invalid: it {rule}. Fix it in engine.conf or with --set {key}=….");
    }
}
