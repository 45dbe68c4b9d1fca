using System.Diagnostics.Metrics;
using Engine.Persistence.Sql.Diagnostics;

namespace Engine.Benchmarks.Journal;

/// <summary>What the journal's meter reported during a benchmark case: transactions, batch sizes, commit and fsync times.</summary>
internal sealed class GroupCommitStatistics : IDisposable
{
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private long _batches, _batchedEvents, _flushes;
    private double _commitMilliseconds, _flushMilliseconds;

    public GroupCommitStatistics(PersistenceMetrics metrics)
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument.Meter, metrics.Meter))
                    listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<int>((instrument, size, _, _) =>
        {
            if (instrument.Name != PersistenceMetrics.BatchSizeInstrument) return;
            lock (_gate)
            {
                _batches++;
                _batchedEvents += size;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, ms, _, _) =>
        {
            lock (_gate)
            {
                if (instrument.Name == PersistenceMetrics.CommitDurationInstrument)
                    _commitMilliseconds += ms;
                else if (instrument.Name == PersistenceMetrics.FlushDurationInstrument)
                {
                    _flushes++;
                    _flushMilliseconds += ms;
                }
            }
        });
        _listener.Start();
    }

    /// <summary>One line for the benchmark log, e.g. "// group commit: 412 transactions, 495.0 events per batch, …".</summary>
    public string Report()
    {
        lock (_gate)
        {
            if (_batches == 0)
                return "// group commit: no transactions";
            var flushes = _flushes == 0 ? "" : $", {_flushes} WAL fsyncs of {_flushMilliseconds / _flushes:F2} ms mean ({(double)_batches / _flushes:F1} transactions each)";
            return $"// group commit: {_batches} transactions, {(double)_batchedEvents / _batches:F1} events per batch on average, " +
                   $"{_commitMilliseconds / _batches:F2} ms mean BEGIN→COMMIT{flushes}";
        }
    }

    public void Dispose() => _listener.Dispose();
}
