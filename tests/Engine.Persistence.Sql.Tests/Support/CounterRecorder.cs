using System.Diagnostics.Metrics;
using Engine.Persistence.Sql.Diagnostics;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>Sums what one journal adds to one of its counters.</summary>
internal sealed class CounterRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _total;

    public CounterRecorder(PersistenceMetrics metrics, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == instrumentName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
        _listener.Start();
    }

    public long Total => Interlocked.Read(ref _total);

    public void Dispose() => _listener.Dispose();
}
