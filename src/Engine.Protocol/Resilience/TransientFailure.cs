using Engine.Protocol.Http;

namespace Engine.Protocol.Resilience;

/// <summary>An attempt that should be retried after a backoff of at least <paramref name="RetryAfter"/>.</summary>
public sealed record TransientFailure(TransientCause Cause, TimeSpan? RetryAfter, string Detail);
