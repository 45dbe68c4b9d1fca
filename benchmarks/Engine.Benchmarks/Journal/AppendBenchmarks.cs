using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Engine.Benchmarks.Support;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// What the append suites share: a database per case, the <see cref="AppendWorkload"/> of <c>Writers</c> writers as the
/// benchmark, and the journal's group-commit figures printed at the end of each case.
/// </summary>
[Config(typeof(Config))]
public abstract class AppendBenchmarks
{
    private BenchmarkDatabase _database = null!;
    private AppendWorkload _workload = null!;
    private JournalMeter _meter = null!;

    protected async Task StartAsync(PersistenceProvider provider, int writers, Action<SqlPersistenceOptions>? configure = null)
    {
        _meter = new JournalMeter();
        _database = await BenchmarkDatabase.StartAsync(provider, configure);
        _workload = new AppendWorkload(writers);
    }

    [Benchmark]
    public Task Append() => _workload.RunAsync(_database.Journal);

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// group commit: {_meter.Read()}");
        _meter.Dispose();
        await _database.DisposeAsync();
    }

    /// <summary>ShortRun, one invocation per iteration, and an events/s column from the case's <c>Writers</c>.</summary>
    protected sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithUnrollFactor(1));
            AddColumn(new EventsPerSecondColumn(c => (int)c.Parameters["Writers"] * (long)AppendWorkload.EventsPerWriter));
        }
    }
}
