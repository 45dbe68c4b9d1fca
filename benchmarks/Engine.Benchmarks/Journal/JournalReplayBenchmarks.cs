using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>Recovery speed: replaying (reading and deserializing) the stored events of one persistence id.</summary>
[Config(typeof(Config))]
public class JournalReplayBenchmarks
{
    public const int Events = 100_000;
    private const string PersistenceId = "transfer-replayed";

    private BenchmarkDatabase _database = null!;

    [Params(PersistenceProvider.Sqlite, PersistenceProvider.Postgresql)]
    public PersistenceProvider Provider { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.StartAsync(Provider);
        const int perWrite = 500;
        for (var from = 1; from <= Events; from += perWrite)
        {
            var events = Enumerable.Range(from, perWrite)
                .Select(seq => new PersistentRepresentation(PersistenceId, seq, new BenchmarkEvent(PersistenceId, seq * 262_144L, 262_144), "bench", DateTimeOffset.UtcNow))
                .ToArray();
            await _database.Journal.WriteMessagesAsync([new AtomicWrite(events)]);
        }
    }

    [Benchmark]
    public async Task<long> Replay()
    {
        long replayed = 0;
        await _database.Journal.ReplayMessagesAsync(PersistenceId, 1, long.MaxValue, long.MaxValue, _ => replayed++);
        return replayed == Events ? replayed : throw new InvalidOperationException($"Replayed {replayed} of {Events} events.");
    }

    [GlobalCleanup]
    public ValueTask CleanupAsync() => _database.DisposeAsync();

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithUnrollFactor(1));
            AddColumn(new EventsPerSecondColumn(_ => Events));
        }
    }
}
