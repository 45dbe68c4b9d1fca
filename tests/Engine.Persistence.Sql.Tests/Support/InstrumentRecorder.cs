using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Engine.Persistence.Sql.Diagnostics;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>Records every measurement one journal reports on one of its instruments (batch sizes, flush times, counters).</summary>
internal sealed class InstrumentRecorder<T> : IDisposable where T : struct
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<T> _values = new();

    public InstrumentRecorder(PersistenceMetrics metrics, string instrumentName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == instrumentName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<T>((_, value, _, _) => _values.Enqueue(value));
        _listener.Start();
    }

    public IReadOnlyList<T> Values => _values.ToArray();

    public int Count => _values.Count;

    public void Dispose() => _listener.Dispose();
}
