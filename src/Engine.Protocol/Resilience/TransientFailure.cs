using Engine.Protocol.Headers;
using Engine.Protocol.Http;

namespace Engine.Protocol.Resilience;

/// <summary>An attempt that should be retried after a backoff of at least <paramref name="RetryAfter"/>.</summary>
public sealed record TransientFailure(TransientCause Cause, TimeSpan? RetryAfter, string Detail)
{
    /// <summary>
    /// The transient failure a non-success answer stands for (408/429/500/502/503/504, with its Retry-After), or null
    /// when the status is permanent. An invalid Retry-After is noted in the detail and treated as absent.
    /// </summary>
    public static TransientFailure? Of(HttpResponseMessage response, ServerError error, DateTimeOffset now)
    {
        if (StatusClassifier.TransientCauseOf(response.StatusCode) is not { } cause) return null;
        var retryAfter = RetryAfterHeader.Read(response, now, out var note);
        return new TransientFailure(cause, retryAfter, note is null ? error.ToString() : $"{error} ({note})");
    }
}
