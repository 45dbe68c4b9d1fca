using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Engine.Persistence.Sql;
using Engine.Persistence.Sql.Options;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// The floor under the SQLite journal on this machine: the same rows the engine writes (1,000 writers × 20 events,
/// batches of one event per writer, in the journal's own schema and settings), inserted by a bare loop on SQLite's C API
/// with nothing of the engine around it. <see cref="Mode"/> says where the commit's fsync happens.
/// </summary>
[Config(typeof(Config))]
public class SqliteFloorBenchmarks
{
    private const int Writers = 1000;
    private const long MiB = 1024 * 1024;

    private string _directory = null!;
    private SqliteConnection _connection = null!;
    private sqlite3_stmt _insert = null!;
    private string[] _ids = [];
    private long _nextSequenceNr = 1;
    private readonly byte[] _payload = System.Text.Encoding.UTF8.GetBytes("{\"TransferId\":\"transfer-123\",\"Offset\":26214400,\"Length\":262144}");

    public enum FsyncMode
    {
        /// <summary>synchronous = FULL: SQLite fsyncs the log inside COMMIT (the journal before the pipelined fsync).</summary>
        InCommit,

        /// <summary>synchronous = NORMAL plus an fsync of the log on a second thread, at most one batch behind (the journal's default).</summary>
        Pipelined,

        /// <summary>synchronous = NORMAL without the fsync: the cost of inserting and writing the log alone (not durable).</summary>
        None,
    }

    [ParamsAllValues]
    public FsyncMode Mode { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _directory = Path.Combine(Path.GetTempPath(), "engine-floor-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new SqlPersistenceOptions();
        options.Sqlite.Path = Path.Combine(_directory, "journal.db");
        // The journal creates its schema and sets WAL; then the bare loop takes over the file.
        await (await SqlPersistence.OpenAsync(options, BenchmarkSerializer.Create())).DisposeAsync();
        _connection = new SqliteConnection($"Data Source={options.Sqlite.Path};Pooling=False");
        _connection.Open();
        using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = $"PRAGMA synchronous = {(Mode == FsyncMode.InCommit ? "FULL" : "NORMAL")}; " +
                                  $"PRAGMA cache_size = -{options.Sqlite.CacheSize / 1024}; PRAGMA wal_autocheckpoint = {options.Sqlite.WalCheckpointSize / 4096}";
            pragmas.ExecuteNonQuery();
        }
        raw.sqlite3_prepare_v2(_connection.Handle, "INSERT INTO event_journal (persistence_id, sequence_nr, created, manifest, payload, writer_uuid, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)", out _insert);
        _ids = Enumerable.Range(0, Writers).Select(i => $"transfer-{i}").ToArray();
    }

    /// <summary>20 batches of 1,000 rows (one per writer): the events of one <see cref="JournalAppendBenchmarks"/> invocation with 1,000 writers.</summary>
    [Benchmark]
    public async Task Append()
    {
        using var syncer = Mode == FsyncMode.Pipelined ? new LogSyncer(Path.Combine(_directory, "journal.db-wal")) : null;
        for (var batch = 0; batch < AppendWorkload.EventsPerWriter; batch++)
        {
            // A writer persists its next event only once the previous one is durable: batch n waits for batch n - 2.
            if (syncer is not null)
                await syncer.WaitSyncedAsync(batch - 2);
            Execute("BEGIN IMMEDIATE");
            var seq = _nextSequenceNr++;
            foreach (var id in _ids)
            {
                raw.sqlite3_bind_text(_insert, 1, id);
                raw.sqlite3_bind_int64(_insert, 2, seq);
                raw.sqlite3_bind_int64(_insert, 3, 1_800_000_000_000);
                raw.sqlite3_bind_text(_insert, 4, "benchmark-event.v1");
                raw.sqlite3_bind_blob(_insert, 5, _payload);
                raw.sqlite3_bind_text(_insert, 6, "bench");
                if (raw.sqlite3_step(_insert) != raw.SQLITE_DONE)
                    throw new InvalidOperationException(raw.sqlite3_errmsg(_connection.Handle).utf8_to_string());
                raw.sqlite3_reset(_insert);
            }
            Execute("COMMIT");
            syncer?.Committed(batch);
        }
        if (syncer is not null)
            await syncer.WaitSyncedAsync(AppendWorkload.EventsPerWriter - 1);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _insert.Dispose();
        _connection.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>fsyncs the log on its own thread whenever a batch was committed since the last fsync.</summary>
    private sealed class LogSyncer : IDisposable
    {
        private readonly Microsoft.Win32.SafeHandles.SafeFileHandle _log;
        private readonly Thread _thread;
        private readonly Lock _gate = new();
        private int _committed = -1, _synced = -1;
        private bool _stopping;
        private readonly SemaphoreSlim _work = new(0);
        private TaskCompletionSource _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LogSyncer(string path)
        {
            _log = File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            _thread = new Thread(Run) { IsBackground = true };
            _thread.Start();
        }

        public void Committed(int batch)
        {
            lock (_gate)
                _committed = batch;
            _work.Release();
        }

        public async Task WaitSyncedAsync(int batch)
        {
            while (true)
            {
                Task progress;
                lock (_gate)
                {
                    if (_synced >= batch)
                        return;
                    progress = _progress.Task;
                }
                await progress;
            }
        }

        private void Run()
        {
            while (true)
            {
                _work.Wait();
                int target;
                lock (_gate)
                {
                    if (_stopping)
                        return;
                    target = _committed;
                }
                if (target <= Volatile.Read(ref _synced))
                    continue;
                RandomAccess.FlushToDisk(_log);
                TaskCompletionSource progress;
                lock (_gate)
                {
                    _synced = target;
                    progress = _progress;
                    _progress = new(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                progress.SetResult();
            }
        }

        public void Dispose()
        {
            lock (_gate)
                _stopping = true;
            _work.Release();
            _thread.Join();
            _log.Dispose();
            _work.Dispose();
        }
    }

    private sealed class Config : ManualConfig
    {
        public Config()
        {
            AddJob(Job.ShortRun.WithUnrollFactor(1));
            AddColumn(new EventsPerSecondColumn(_ => (long)Writers * AppendWorkload.EventsPerWriter));
        }
    }
}
