using System.Diagnostics.Metrics;

namespace Engine.Benchmarks.Load;

/// <summary>
/// Peak concurrency of this process's HTTP clients, from .NET's own <c>System.Net.Http</c> meter:
/// <c>http.client.active_requests</c> (requests sent and not yet answered, including those waiting for a pooled
/// connection) and <c>http.client.open_connections</c> in state <c>active</c> (connections carrying a request now:
/// what the server sees at once).
/// </summary>
internal sealed class HttpConcurrencyMeter : IDisposable
{
    private const string MeterName = "System.Net.Http";
    private readonly MeterListener _listener = new();
    private long _requests, _peakRequests, _connections, _peakConnections;

    public HttpConcurrencyMeter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name is "http.client.active_requests" or "http.client.open_connections")
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((instrument, delta, tags, _) =>
        {
            if (instrument.Name == "http.client.active_requests") Add(ref _requests, ref _peakRequests, delta);
            else if (IsActiveConnection(tags)) Add(ref _connections, ref _peakConnections, delta);
        });
        _listener.Start();
    }

    /// <summary>Most requests in flight at once.</summary>
    public long PeakRequests => Interlocked.Read(ref _peakRequests);

    /// <summary>Most connections carrying a request at once.</summary>
    public long PeakActiveConnections => Interlocked.Read(ref _peakConnections);

    public void Dispose() => _listener.Dispose();

    private static bool IsActiveConnection(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag is { Key: "http.connection.state", Value: "active" }) return true;
        return false;
    }

    private static void Add(ref long current, ref long peak, long delta)
    {
        var now = Interlocked.Add(ref current, delta);
        long seen;
        while (now > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen) { }
    }
}
