using System.Diagnostics.Metrics;

namespace Engine.Chaos.Running;

/// <summary>
/// The connections the in-process emulator's Kestrel still holds (its <c>kestrel.active_connections</c> instrument). The
/// kernel may already have closed a dead client's socket while Kestrel still has that connection's last request to
/// read; a kill is settled only once Kestrel holds none. Start it before the emulator, so every change is seen.
/// </summary>
public sealed class KestrelConnections : IDisposable
{
    private readonly MeterListener listener = new();
    private long active;

    /// <summary>Starts listening.</summary>
    public KestrelConnections()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument is { Meter.Name: "Microsoft.AspNetCore.Server.Kestrel", Name: "kestrel.active_connections" })
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, change, _, _) => Interlocked.Add(ref active, change));
        listener.Start();
    }

    /// <summary>Connections open now.</summary>
    public long Active => Interlocked.Read(ref active);

    /// <summary>Stops listening.</summary>
    public void Dispose() => listener.Dispose();
}
