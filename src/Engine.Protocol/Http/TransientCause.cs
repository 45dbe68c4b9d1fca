namespace Engine.Protocol.Http;

/// <summary>Why a request is worth retrying.</summary>
public enum TransientCause
{
    /// <summary>No response: the connection dropped, was reset, or the HTTP client timed out.</summary>
    ConnectionLost,

    /// <summary>500, 502, 503 or 504.</summary>
    ServerError,

    /// <summary>429 Too Many Requests.</summary>
    TooManyRequests,

    /// <summary>408 Request Timeout.</summary>
    RequestTimeout,

    /// <summary>No body progress for the configured stall timeout.</summary>
    Stalled,

    /// <summary>The server answered but acknowledged nothing new (a 308 loop).</summary>
    NoProgress,
}
