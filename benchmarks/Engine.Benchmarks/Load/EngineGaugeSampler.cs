using System.Diagnostics.Metrics;
using Engine.Transfers.Diagnostics;

namespace Engine.Benchmarks.Load;

/// <summary>
/// Observes the engine's gauges every 100 ms and keeps their peaks: transfers holding an actor
/// (<c>engine.transfers.actors</c>) and transfers admitted and moving (<c>engine.transfers.active</c>, summed over kinds).
/// </summary>
internal sealed class EngineGaugeSampler : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Timer _timer;
    private long _peakActors, _peakActive, _activeNow;

    public EngineGaugeSampler()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == TransferMetrics.MeterName && instrument.Name is TransferMetrics.ActorsInstrument or TransferMetrics.ActiveInstrument)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
        {
            if (instrument.Name == TransferMetrics.ActorsInstrument) Max(ref _peakActors, value);
            else _activeNow += value; // one measurement per kind, summed over a round of observation
        });
        _listener.Start();
        _timer = new Timer(_ => Observe(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
    }

    /// <summary>Most transfers holding an actor at once.</summary>
    public long PeakActors
    {
        get
        {
            Observe();
            return Interlocked.Read(ref _peakActors);
        }
    }

    /// <summary>Most transfers admitted and moving at once.</summary>
    public long PeakActive
    {
        get
        {
            Observe();
            return Interlocked.Read(ref _peakActive);
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _listener.Dispose();
    }

    private void Observe()
    {
        lock (_listener)
        {
            _activeNow = 0;
            _listener.RecordObservableInstruments();
            Max(ref _peakActive, _activeNow);
        }
    }

    private static void Max(ref long peak, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref peak)) && Interlocked.CompareExchange(ref peak, value, seen) != seen) { }
    }
}
