using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// Append throughput with group commit and the default (durable) settings: <see cref="Writers"/> concurrent writers
/// (actors), each persisting <see cref="AppendWorkload.EventsPerWriter"/> events one at a time, awaiting each write.
/// </summary>
[Config(typeof(Config))]
public class JournalAppendBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private AppendWorkload _workload = null!;
    private GroupCommitStatistics _statistics = null!;

    [Params(PersistenceProvider.Sqlite, PersistenceProvider.Postgresql)]
    public PersistenceProvider Provider { get; set; }

    [Params(1, 100, 1000)]
    public int Writers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.StartAsync(Provider);
        _workload = new AppendWorkload(Writers);
        _statistics = new GroupCommitStatistics(_database.Persistence.Metrics);
    }

    [Benchmark]
    public Task Append() => _workload.RunAsync(_database.Journal);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine(_statistics.Report());
        _statistics.Dispose();
        await _database.DisposeAsync();
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithUnrollFactor(1));
            AddColumn(new EventsPerSecondColumn(c => (int)c.Parameters[nameof(Writers)] * (long)AppendWorkload.EventsPerWriter));
        }
    }
}
