using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// Append throughput with group commit: <see cref="Writers"/> concurrent writers (actors), each persisting
/// <see cref="EventsPerWriter"/> events one at a time, awaiting each write as a persistent actor does.
/// </summary>
[Config(typeof(Config))]
public class JournalAppendBenchmarks
{
    public const int EventsPerWriter = 20;

    private BenchmarkDatabase _database = null!;
    private long[] _nextSequenceNr = [];
    private MeterListener? _listener;
    private readonly Lock _statisticsGate = new();
    private long _batches, _batchedEvents;
    private double _commitMilliseconds;

    [Params(PersistenceProvider.Sqlite, PersistenceProvider.Postgresql)]
    public PersistenceProvider Provider { get; set; }

    [Params(1, 100, 1000)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.StartAsync(Provider);
        _nextSequenceNr = Enumerable.Repeat(1L, Writers).ToArray();
        ListenToBatches(_database.Persistence.Metrics);
    }

    [Benchmark]
    public Task Append() => Task.WhenAll(Enumerable.Range(0, Writers).Select(WriteAsync));

    private async Task WriteAsync(int writer)
    {
        var id = $"transfer-{writer}";
        for (var i = 0; i < EventsPerWriter; i++)
        {
            var seq = _nextSequenceNr[writer]++;
            var payload = new BenchmarkEvent(id, seq * 262_144, 262_144);
            await _database.Journal.WriteMessagesAsync([new AtomicWrite([new PersistentRepresentation(id, seq, payload, "bench", DateTimeOffset.UtcNow)])]);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        _listener?.Dispose();
        if (_batches > 0)
            Console.WriteLine($"// group commit: {_batches} transactions, {(double)_batchedEvents / _batches:F1} events per batch on average, " +
                              $"{_commitMilliseconds / _batches:F2} ms mean commit");
        await _database.DisposeAsync();
    }

    private void ListenToBatches(PersistenceMetrics metrics)
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
            lock (_statisticsGate)
            {
                _batches++;
                _batchedEvents += size;
            }
        });
        _listener.SetMeasurementEventCallback<double>((instrument, ms, _, _) =>
        {
            if (instrument.Name != PersistenceMetrics.CommitDurationInstrument) return;
            lock (_statisticsGate)
                _commitMilliseconds += ms;
        });
        _listener.Start();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithUnrollFactor(1));
            AddColumn(new EventsPerSecondColumn(c => (int)c.Parameters[nameof(Writers)] * (long)EventsPerWriter));
        }
    }
}
