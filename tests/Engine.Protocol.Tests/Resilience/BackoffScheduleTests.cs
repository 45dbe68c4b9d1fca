using Engine.Protocol.Resilience;

namespace Engine.Protocol.Tests.Resilience;

public sealed class BackoffScheduleTests
{
    private static BackoffSchedule Schedule(JitterMode jitter, int seed = 7) =>
        new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), 2.0, jitter, new Random(seed));

    [Fact]
    public void Grows_exponentially_until_the_cap()
    {
        var schedule = Schedule(JitterMode.None);
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], Enumerable.Range(0, 9).Select(a => schedule.Delay(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(60), schedule.Delay(10_000));   // no overflow
    }

    [Theory]
    [InlineData(JitterMode.Full, 0.0)]
    [InlineData(JitterMode.Equal, 0.5)]
    public void Jitter_stays_within_its_bounds_and_varies(JitterMode jitter, double floor)
    {
        var schedule = Schedule(jitter);
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var ceiling = schedule.Ceiling(attempt);
            var delays = Enumerable.Range(0, 200).Select(_ => schedule.Delay(attempt)).ToList();
            Assert.All(delays, d => Assert.InRange(d, ceiling * floor, ceiling));
            Assert.True(delays.Distinct().Count() > 150, "jitter should spread the delays");
        }
    }

    [Fact]
    public void A_seeded_random_gives_a_reproducible_schedule() =>
        Assert.Equal(Enumerable.Range(0, 8).Select(a => Schedule(JitterMode.Full, 3).Delay(a)),
                     Enumerable.Range(0, 8).Select(a => Schedule(JitterMode.Full, 3).Delay(a)));

    [Theory]
    [InlineData(0, 30, 30)]        // longer Retry-After wins
    [InlineData(6, 120, 120)]      // even beyond the cap
    [InlineData(3, 2, 8)]          // shorter Retry-After loses to the backoff
    public void Retry_after_wins_when_longer(int attempt, double retryAfter, double expected) =>
        Assert.Equal(TimeSpan.FromSeconds(expected), Schedule(JitterMode.None).Delay(attempt, TimeSpan.FromSeconds(retryAfter)));

    [Fact]
    public void Options_validation_names_the_setting()
    {
        Assert.Contains("engine.retry.max-delay",
            Assert.Throws<ArgumentException>(() => new RetryOptions { MaxDelay = TimeSpan.FromMilliseconds(1) }.Validate()).Message);
        Assert.Contains("engine.retry.multiplier",
            Assert.Throws<ArgumentException>(() => new RetryOptions { Multiplier = 0.5 }.Validate()).Message);
        Assert.Contains("engine.retry.max-attempts",
            Assert.Throws<ArgumentException>(() => new RetryOptions { MaxAttempts = 0 }.Validate()).Message);
    }
}
