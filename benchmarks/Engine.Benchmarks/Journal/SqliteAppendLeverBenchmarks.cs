using BenchmarkDotNet.Attributes;
using Engine.Persistence.Sql.Options;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// SQLite append throughput lever by lever, in one run so the levers share the machine's load: the workload of
/// <see cref="JournalAppendBenchmarks"/> under each <see cref="SqliteAppendLever"/>.
/// </summary>
public class SqliteAppendLeverBenchmarks : AppendBenchmarks
{
    private const long MiB = 1024 * 1024;

    [Params(1, 100, 1000)]
    public int Writers { get; set; }

    [ParamsAllValues]
    public SqliteAppendLever Lever { get; set; }

    [GlobalSetup]
    public Task SetupAsync() => StartAsync(PersistenceProvider.Sqlite, Writers, Configure);

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
}
