using Engine.Protocol.Http;

namespace Engine.Protocol.Resilience;

/// <summary>Reported before each retry so the caller can count and log it.</summary>
/// <param name="Cause">Why the previous attempt did not succeed.</param>
/// <param name="Attempt">1-based number of the attempt that failed.</param>
/// <param name="Delay">The wait before the next attempt (Retry-After included).</param>
/// <param name="Detail">The server's or transport's explanation (no secrets).</param>
public sealed record RetryNotice(TransientCause Cause, int Attempt, TimeSpan Delay, string Detail);
