namespace Engine.Emulator.Faults;

/// <summary>The faults that fired for one request: an added delay, a bandwidth cap, and at most one action deciding the response.</summary>
internal sealed record FaultDecision(TimeSpan Latency, long? BandwidthCap, FaultAction? Outcome)
{
    public static FaultDecision None { get; } = new(TimeSpan.Zero, null, null);
}
