namespace Engine.Emulator.Inspection;

/// <summary>
/// One request the emulator answered. <see cref="Headers"/> holds selected request headers
/// (Authorization redacted, User-Agent kept to tell clients apart), <see cref="ResponseHeaders"/> selected response headers (Range, Content-Range, Retry-After).
/// <see cref="Target"/> is the fault target name of the request kind (e.g. <c>put</c>, <c>poll</c>) or <c>other</c>;
/// <see cref="Status"/> is the status sent, or 0 when no response was started (still in flight, or the connection was cut first);
/// <see cref="Aborted"/> is true when the connection was cut (an injected reset or the client going away).
/// </summary>
public sealed record RequestLogEntry(
    DateTimeOffset Time,
    string Method,
    string Path,
    string Target,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> ResponseHeaders,
    long BodyBytesReceived,
    int Status,
    bool Aborted)
{
    /// <summary>When the emulator was done with the request (response sent or connection cut); <c>null</c> while it is served.</summary>
    public DateTimeOffset? Ended { get; init; }
}
