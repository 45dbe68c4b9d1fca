using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Engine.Persistence.Sql.Diagnostics;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>Records the batch sizes one journal reports through its meter: one entry per committed transaction.</summary>
internal sealed class BatchRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<int> _batches = new();

    public BatchRecorder(PersistenceMetrics metrics)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, metrics.Meter) && instrument.Name == PersistenceMetrics.BatchSizeInstrument)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<int>((_, size, _, _) => _batches.Enqueue(size));
        _listener.Start();
    }

    public IReadOnlyList<int> Batches => _batches.ToArray();

    public void Dispose() => _listener.Dispose();
}
