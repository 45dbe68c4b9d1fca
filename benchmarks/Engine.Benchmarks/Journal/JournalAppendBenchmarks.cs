using BenchmarkDotNet.Attributes;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// Append throughput with group commit and the default (durable) settings: <see cref="Writers"/> concurrent writers
/// (actors), each persisting <see cref="AppendWorkload.EventsPerWriter"/> events one at a time, awaiting each write.
/// </summary>
public class JournalAppendBenchmarks : AppendBenchmarks
{
    [Params(PersistenceProvider.Sqlite, PersistenceProvider.Postgresql)]
    public PersistenceProvider Provider { get; set; }

    [Params(1, 100, 1000)]
    public int Writers { get; set; }

    [GlobalSetup]
    public Task SetupAsync() => StartAsync(Provider, Writers);
}
