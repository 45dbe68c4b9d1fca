using System.Diagnostics.Metrics;
using Engine.Persistence.Sql.Diagnostics;

namespace Engine.Benchmarks.Support;

/// <summary>
/// Listens to the journal's <c>Engine.Persistence</c> meter: committed group-commit transactions, the events in them
/// (<c>engine.persistence.journal.batch_size</c>), their BEGIN→COMMIT time (<c>commit_duration</c>) and, with SQLite's
/// pipelined fsync, the journal's own fsyncs of the write-ahead log (<c>flush_duration</c>).
/// </summary>
internal sealed class JournalMeter : IDisposable
{
    private readonly MeterListener _listener;
    private readonly Lock _gate = new();
    private long _batches, _events, _largestBatch;
    private long _flushes;
    private double _commitMilliseconds, _flushMilliseconds;

    public JournalMeter()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == PersistenceMetrics.MeterName) listener.EnableMeasurementEvents(instrument);
            },
        };
        _listener.SetMeasurementEventCallback<int>((instrument, size, _, _) =>
        {
            if (instrument.Name != PersistenceMetrics.BatchSizeInstrument) return;
            lock (_gate)
            {
                _batches++;
                _events += size;
                _largestBatch = Math.Max(_largestBatch, size);
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, ms, _, _) =>
        {
            lock (_gate)
            {
                if (instrument.Name == PersistenceMetrics.CommitDurationInstrument)
                    _commitMilliseconds += ms;
                else if (instrument.Name == PersistenceMetrics.FlushDurationInstrument)
                    (_flushes, _flushMilliseconds) = (_flushes + 1, _flushMilliseconds + ms);
            }
        });
        _listener.Start();
    }

    /// <summary>What was committed since the listener started (or since the last <see cref="Reset"/>).</summary>
    public JournalFigures Read()
    {
        lock (_gate) return new JournalFigures(_batches, _events, _largestBatch, _commitMilliseconds, _flushes, _flushMilliseconds);
    }

    public void Reset()
    {
        lock (_gate) (_batches, _events, _largestBatch, _commitMilliseconds, _flushes, _flushMilliseconds) = (0, 0, 0, 0, 0, 0);
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>Group-commit figures: transactions, events, the largest batch, the summed commit time and the WAL fsyncs.</summary>
internal readonly record struct JournalFigures(long Batches, long Events, long LargestBatch, double CommitMilliseconds,
    long Flushes = 0, double FlushMilliseconds = 0)
{
    public double MeanBatch => Batches == 0 ? 0 : (double)Events / Batches;

    public double MeanCommitMilliseconds => Batches == 0 ? 0 : CommitMilliseconds / Batches;

    public override string ToString() =>
        $"{Events:N0} events in {Batches:N0} transactions (mean batch {MeanBatch:F1}, largest {LargestBatch}, mean commit {MeanCommitMilliseconds:F2} ms)" +
        (Flushes == 0 ? "" : $", {Flushes:N0} WAL fsyncs (mean {FlushMilliseconds / Flushes:F2} ms)");
}
