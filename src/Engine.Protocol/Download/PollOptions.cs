using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>Settings under <c>engine.download.poll</c>: exponential backoff, jittered, between polls.</summary>
public sealed class PollOptions
{
    /// <summary><c>initial-delay</c>: the guide's example is 10 seconds.</summary>
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary><c>max-delay</c>: the cap between two polls.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary><c>multiplier</c>: growth factor between consecutive delays.</summary>
    public double Multiplier { get; set; } = 2.0;

    /// <summary><c>jitter</c>: full by default, so downloads started together do not poll in lockstep.</summary>
    public JitterMode Jitter { get; set; } = JitterMode.Full;

    /// <summary><c>deadline</c>: how long an operation may stay pending before the download fails.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The schedule: the delay after poll number <c>attempt</c> (0-based).</summary>
    public BackoffSchedule Schedule(Random random) => new(InitialDelay, MaxDelay, Multiplier, Jitter, random);

    /// <summary>Throws a clear error naming the first invalid setting.</summary>
    public void Validate()
    {
        RetryOptions.Require(InitialDelay > TimeSpan.Zero, "engine.download.poll.initial-delay", InitialDelay, "must be positive");
        RetryOptions.Require(MaxDelay >= InitialDelay, "engine.download.poll.max-delay", MaxDelay, "must be at least engine.download.poll.initial-delay");
        RetryOptions.Require(Multiplier >= 1.0 && double.IsFinite(Multiplier), "engine.download.poll.multiplier", Multiplier, "must be a finite number ≥ 1");
        RetryOptions.Require(Deadline > TimeSpan.Zero, "engine.download.poll.deadline", Deadline, "must be positive");
    }
}
