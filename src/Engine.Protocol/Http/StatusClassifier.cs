using System.Net;

namespace Engine.Protocol.Http;

/// <summary>The status codes every Google API in the specs treats as temporary (spec table: 5xx family, plus 429/408).</summary>
public static class StatusClassifier
{
    /// <summary>The transient cause for <paramref name="status"/>, or null when the status is not transient.</summary>
    public static TransientCause? TransientCauseOf(HttpStatusCode status) => (int)status switch
    {
        500 or 502 or 503 or 504 => TransientCause.ServerError,
        429 => TransientCause.TooManyRequests,
        408 => TransientCause.RequestTimeout,
        _ => null,
    };
}
