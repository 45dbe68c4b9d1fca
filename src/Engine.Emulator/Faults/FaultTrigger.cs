namespace Engine.Emulator.Faults;

/// <summary>
/// When a rule fires, counted over the requests its target matched since the rule was added:
/// from the <see cref="FirstMatch"/>-th match on, at most <see cref="Times"/> times (null = no limit),
/// each time with <see cref="Probability"/> (drawn from the emulator's seeded random source).
/// </summary>
public sealed record FaultTrigger(int FirstMatch = 1, int? Times = null, double Probability = 1.0)
{
    /// <summary>Every matching request.</summary>
    public static FaultTrigger Always { get; } = new();

    /// <summary>Only the <paramref name="n"/>-th matching request (1-based).</summary>
    public static FaultTrigger Nth(int n) => new(n, 1);

    /// <summary>The first <paramref name="k"/> matching requests.</summary>
    public static FaultTrigger First(int k) => new(1, k);

    /// <summary>Each matching request with probability <paramref name="p"/>.</summary>
    public static FaultTrigger Fraction(double p) => new(1, null, p);
}
