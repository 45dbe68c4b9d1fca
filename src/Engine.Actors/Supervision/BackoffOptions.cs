namespace Engine.Actors.Supervision;

/// <summary>
/// Settings of a <see cref="BackoffSupervisor"/> (Akka's <c>BackoffOptions.OnStop</c>/<c>OnFailure</c> combined):
/// the child, and how long to wait before starting it again after it stopped with a failure.
/// </summary>
/// <typeparam name="TMessage">The messages the child takes (the supervisor forwards them).</typeparam>
public sealed record BackoffOptions<TMessage>
{
    /// <param name="childProps">How to create the child, e.g. a persistent actor.</param>
    /// <param name="childName">The child's name under the supervisor.</param>
    /// <param name="minBackoff">Wait before the first restart.</param>
    /// <param name="maxBackoff">Cap of the doubling wait (before the random factor).</param>
    /// <param name="randomFactor">Adds up to this fraction of the wait at random (0.2 = up to 20 % more), so restarts of many children spread out.</param>
    public BackoffOptions(Props<TMessage> childProps, string childName, TimeSpan minBackoff, TimeSpan maxBackoff, double randomFactor)
    {
        ArgumentNullException.ThrowIfNull(childProps);
        ArgumentException.ThrowIfNullOrWhiteSpace(childName);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minBackoff, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBackoff, minBackoff);
        ArgumentOutOfRangeException.ThrowIfNegative(randomFactor);
        ChildProps = childProps;
        ChildName = childName;
        MinBackoff = minBackoff;
        MaxBackoff = maxBackoff;
        RandomFactor = randomFactor;
        ResetBackoffAfter = minBackoff;
    }

    public Props<TMessage> ChildProps { get; }
    public string ChildName { get; }
    public TimeSpan MinBackoff { get; }
    public TimeSpan MaxBackoff { get; }
    public double RandomFactor { get; }

    /// <summary>After the child has run this long without failing, the next wait starts again from <see cref="MinBackoff"/> (Akka's auto reset; default: <see cref="MinBackoff"/>).</summary>
    public TimeSpan ResetBackoffAfter { get; init; }

    /// <summary>The source of the random factor; pass a seeded one for repeatable waits.</summary>
    public Random Random { get; init; } = Random.Shared;

    /// <summary>
    /// The wait before restart number <paramref name="restartCount"/> (0 for the first): min(max, min × 2^n), plus up
    /// to <see cref="RandomFactor"/> of it at random (Akka's formula).
    /// </summary>
    public TimeSpan Delay(int restartCount)
    {
        var doubled = restartCount >= 30 ? MaxBackoff : TimeSpan.FromTicks((long)Math.Min(MaxBackoff.Ticks, MinBackoff.Ticks * Math.Pow(2, restartCount)));
        return doubled * (1.0 + Random.NextDouble() * RandomFactor);
    }
}
