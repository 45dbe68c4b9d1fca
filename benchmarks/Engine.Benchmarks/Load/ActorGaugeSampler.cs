using System.Diagnostics.Metrics;
using Engine.Transfers.Diagnostics;

namespace Engine.Benchmarks.Load;

/// <summary>Observes the engine's <c>engine.transfers.actors</c> gauge every 100 ms and keeps the peak: how many transfers held an actor at once.</summary>
internal sealed class ActorGaugeSampler : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Timer _timer;
    private long _peak;

    public ActorGaugeSampler()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TransferMetrics.MeterName && instrument.Name == TransferMetrics.ActorsInstrument) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((_, value, _, _) =>
        {
            long seen;
            while (value > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, value, seen) != seen) { }
        });
        _listener.Start();
        _timer = new Timer(_ => _listener.RecordObservableInstruments(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    public long PeakActors
    {
        get
        {
            _listener.RecordObservableInstruments();
            return Interlocked.Read(ref _peak);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _listener.Dispose();
    }
}
