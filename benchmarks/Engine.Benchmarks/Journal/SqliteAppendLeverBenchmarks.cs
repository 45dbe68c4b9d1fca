using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// SQLite append throughput lever by lever, in one run so the levers share the machine's load: the workload of
/// <see cref="JournalAppendBenchmarks"/> under each <see cref="SqliteAppendLever"/>.
/// </summary>
[Config(typeof(Config))]
public class SqliteAppendLeverBenchmarks
{
    private const long MiB = 1024 * 1024;

    private BenchmarkDatabase _database = null!;
    private AppendWorkload _workload = null!;
    private GroupCommitStatistics _statistics = null!;

    [Params(100, 1000)]
    public int Writers { get; set; }

    [ParamsAllValues]
    public SqliteAppendLever Lever { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _database = await BenchmarkDatabase.StartAsync(PersistenceProvider.Sqlite, Configure);
        _workload = new AppendWorkload(Writers);
        _statistics = new GroupCommitStatistics(_database.Persistence.Metrics);
    }

    private void Configure(SqlPersistenceOptions options)
    {
        var sqlite = options.Sqlite;
        if (Lever == SqliteAppendLever.NormalNotDurable)
        {
            sqlite.Synchronous = SqliteSynchronous.Normal;
            return;
        }
        if (Lever < SqliteAppendLever.Cache)
            sqlite.CacheSize = 2 * MiB;
        if (Lever < SqliteAppendLever.Checkpoint)
            sqlite.WalCheckpointSize = 1000 * 4096;
        if (Lever < SqliteAppendLever.Pipelined)
            sqlite.PipelinedFsync = false;
        options.GroupCommit.MaxBatchSize = Lever < SqliteAppendLever.Batch1000 ? 500 : 1000;
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
