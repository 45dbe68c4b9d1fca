namespace Engine.Chaos.Running;

/// <summary>
/// When each engine process of the kill phase is killed, counted from its start: uniform in a quarter to
/// one and three quarters of <c>Duration / Kills</c>, so kills land during start-up and journal replay, while jobs are
/// submitted, and mid-transfer alike.
/// </summary>
public static class KillPlan
{
    /// <summary>The seeded lifetimes of the killed processes, in order.</summary>
    public static IReadOnlyList<TimeSpan> Draw(ChaosOptions options, Random random)
    {
        if (options.Kills == 0)
        {
            return [];
        }

        var mean = options.Duration / options.Kills;
        return Enumerable.Range(0, options.Kills).Select(_ => mean * (0.25 + 1.5 * random.NextDouble())).ToList();
    }
}
