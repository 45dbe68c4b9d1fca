using System.Diagnostics.Metrics;

namespace Engine.Persistence.Sql.Diagnostics;

/// <summary>
/// The journal's instruments on a <see cref="Meter"/> named <see cref="MeterName"/>. The meter is tagged with
/// <c>db.system</c> (sqlite/postgresql) and <c>db.namespace</c> (file or server/database) so listeners can
/// tell journals apart.
/// </summary>
public sealed class PersistenceMetrics : IDisposable
{
    /// <summary>The name every journal's meter carries.</summary>
    public const string MeterName = "Engine.Persistence";

    /// <summary>Histogram of events per committed group-commit transaction.</summary>
    public const string BatchSizeInstrument = "engine.persistence.journal.batch_size";

    /// <summary>Histogram of the time from BEGIN to COMMIT of a group-commit transaction, in milliseconds.</summary>
    public const string CommitDurationInstrument = "engine.persistence.journal.commit_duration";

    /// <summary>
    /// Histogram of the journal's own fsyncs of the SQLite write-ahead log, in milliseconds (only with the pipelined
    /// fsync; each one makes every batch committed before it durable).
    /// </summary>
    public const string FlushDurationInstrument = "engine.persistence.journal.flush_duration";

    /// <summary>Counter of events whose write failed (outcome unknown to the writer).</summary>
    public const string FailedEventsInstrument = "engine.persistence.journal.failed_events";

    /// <summary>Counter of events refused by the cluster fence (their node no longer held the shard under that epoch).</summary>
    public const string FencedEventsInstrument = "engine.persistence.journal.fenced_events";

    private readonly Histogram<int> _batchSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _failedEvents;
    private readonly Counter<long> _fencedEvents;

    internal PersistenceMetrics(string provider, string storeName)
    {
        Meter = new Meter(new MeterOptions(MeterName)
        {
            Tags = [new("db.system", provider), new("db.namespace", storeName)],
        });
        _batchSize = Meter.CreateHistogram<int>(BatchSizeInstrument, "{event}", "Events per committed group-commit transaction.");
        _commitDuration = Meter.CreateHistogram<double>(CommitDurationInstrument, "ms", "BEGIN to COMMIT of a group-commit transaction.");
        _flushDuration = Meter.CreateHistogram<double>(FlushDurationInstrument, "ms", "The journal's fsync of the SQLite write-ahead log after group commits.");
        _failedEvents = Meter.CreateCounter<long>(FailedEventsInstrument, "{event}", "Events whose write failed.");
        _fencedEvents = Meter.CreateCounter<long>(FencedEventsInstrument, "{event}", "Events refused because their node's shard lease was stale.");
    }

    /// <summary>This journal's meter.</summary>
    public Meter Meter { get; }

    internal void Committed(int events, TimeSpan duration)
    {
        _batchSize.Record(events);
        _commitDuration.Record(duration.TotalMilliseconds);
    }

    internal void Flushed(TimeSpan duration) => _flushDuration.Record(duration.TotalMilliseconds);

    internal void Failed(int events) => _failedEvents.Add(events);

    internal void Fenced(int events) => _fencedEvents.Add(events);

    public void Dispose() => Meter.Dispose();
}
