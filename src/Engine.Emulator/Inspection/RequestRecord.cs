using Engine.Emulator.Faults;

namespace Engine.Emulator.Inspection;

/// <summary>
/// One request as it is served: created when it arrives, filled in by its handler, its status taken when the
/// response starts (so the log already shows it when the client sees the answer).
/// </summary>
internal sealed class RequestRecord(DateTimeOffset time, string method, string path, IReadOnlyDictionary<string, string> headers)
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>();

    public FaultTarget? Target { get; set; }

    public long BodyBytesReceived { get; set; }

    public bool ConnectionReset { get; set; }

    public int Status { get; set; }

    public IReadOnlyDictionary<string, string> ResponseHeaders { get; set; } = NoHeaders;

    public DateTimeOffset? Ended { get; set; }

    public RequestLogEntry ToEntry() => new(
        time, method, path, Target is { } t ? t.ToString().ToLowerInvariant() : "other",
        headers, ResponseHeaders, BodyBytesReceived, Status, ConnectionReset) { Ended = Ended };
}
