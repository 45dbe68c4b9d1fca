using System.Data.Common;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.GroupCommit;
using Engine.Persistence.Sql.Journal;
using Engine.Persistence.Sql.Options;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Engine.Persistence.Sql.Dialects;

/// <summary>SQLite: one file, WAL, exactly one group-commit writer.</summary>
internal sealed class SqliteDialect : SqlDialect
{
    // SQLite result codes (https://sqlite.org/rescode.html) that deserve their own advice.
    private const int Busy = 5, Locked = 6, ReadOnly = 8, IoError = 10, Corrupt = 11, Full = 13, CantOpen = 14, NotADatabase = 26;
    private const int ConstraintUnique = 2067, ConstraintPrimaryKey = 1555;

    private readonly SqliteOptions _options;
    private readonly string _connectionString;
    private readonly string _pragmas;
    private string? _checkpointPragma;

    public SqliteDialect(SqliteOptions options)
    {
        _options = options;
        var path = System.IO.Path.GetFullPath(options.Path);
        StoreName = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        try
        {
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PersistenceStoreException(
                $"Cannot create the directory of the SQLite journal '{path}': {e.Message} Set engine.persistence.sqlite.path to a writable location.", e);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Microsoft.Data.Sqlite retries SQLITE_BUSY until this many seconds pass (0 would mean forever).
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        var synchronous = options.Synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL";
        // A negative cache_size is in KiB rather than pages.
        _pragmas = $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {synchronous}; " +
                   $"PRAGMA cache_size = -{options.CacheSize / 1024};";
    }

    public override string Provider => "sqlite";
    public override string StoreName { get; }
    public override int Writers => 1;
    public override string JournalTable => "event_journal";
    public override string SnapshotTable => "snapshot";
    public override string SchemaVersionTable => "engine_schema_version";

    public override IReadOnlyList<string> SchemaStatements =>
    [
        """
        CREATE TABLE IF NOT EXISTS event_journal (
            ordering INTEGER PRIMARY KEY AUTOINCREMENT,
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            writer_uuid TEXT NOT NULL,
            deleted INTEGER NOT NULL DEFAULT 0,
            UNIQUE (persistence_id, sequence_nr))
        """,
        """
        CREATE TABLE IF NOT EXISTS snapshot (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            created INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload BLOB NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr))
        """,
        "CREATE TABLE IF NOT EXISTS engine_schema_version (version INTEGER NOT NULL PRIMARY KEY, applied INTEGER NOT NULL)",
    ];

    public override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = _pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            command.CommandText = _checkpointPragma ??= await CheckpointPragmaAsync(command, cancellationToken);
            await command.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // wal_autocheckpoint counts pages; the page size is fixed when the file is created.
    private async Task<string> CheckpointPragmaAsync(DbCommand command, CancellationToken cancellationToken)
    {
        command.CommandText = "PRAGMA page_size";
        var pageSize = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken));
        return $"PRAGMA wal_autocheckpoint = {Math.Max(1, _options.WalCheckpointSize / pageSize)}";
    }

    public override async Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        var mode = (string?)await command.ExecuteScalarAsync(cancellationToken);
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException(
                $"SQLite refused write-ahead logging for '{StoreName}' (journal mode is '{mode}'); put the journal on a local file system that supports shared memory.");
    }

    // BEGIN IMMEDIATE (Microsoft.Data.Sqlite's default) already takes the write lock, so concurrent starters queue up.
    public override Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) => Task.CompletedTask;

    // The rows go straight through SQLite's C API on the connection's handle: one prepared statement, bound
    // by position and reset per row. Microsoft.Data.Sqlite's per-command overhead (binding by name, a reader per
    // execution) costs several times the insert itself, and this loop is the journal's hot path.
    public override Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken)
    {
        var database = ((SqliteConnection)connection).Handle!;
        Check(database, raw.sqlite3_prepare_v2(database,
            "INSERT INTO event_journal (persistence_id, sequence_nr, created, manifest, payload, writer_uuid, deleted) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
            out var statement));
        using (statement)
        {
            foreach (var e in events)
            {
                // text16 binds the strings' own characters (SQLite converts them to the file's UTF-8): no UTF-8 copy per row.
                raw.sqlite3_bind_text16(statement, 1, e.PersistenceId);
                raw.sqlite3_bind_int64(statement, 2, e.SequenceNr);
                raw.sqlite3_bind_int64(statement, 3, e.CreatedUnixMs);
                raw.sqlite3_bind_text16(statement, 4, e.Manifest);
                raw.sqlite3_bind_blob(statement, 5, e.Payload);
                raw.sqlite3_bind_text16(statement, 6, e.WriterUuid);
                var result = raw.sqlite3_step(statement);
                if (result != raw.SQLITE_DONE)
                    Check(database, result);
                raw.sqlite3_reset(statement);
            }
        }
        return Task.CompletedTask;
    }

    public override CommitFlush CreateCommitFlush(PersistenceMetrics metrics, TimeProvider time) =>
        _options.FsyncsOutsideCommit ? new SqliteWalFlush(StoreName, metrics, time) : CommitFlush.Immediate;

    private static void Check(sqlite3 database, int result)
    {
        if (result != raw.SQLITE_OK)
            throw new SqliteException(raw.sqlite3_errmsg(database).utf8_to_string(), result, raw.sqlite3_extended_errcode(database));
    }

    public override bool IsUniqueViolation(Exception error) =>
        error is SqliteException { SqliteExtendedErrorCode: ConstraintUnique or ConstraintPrimaryKey };

    public override string Explain(Exception error) => error switch
    {
        SqliteException { SqliteErrorCode: Busy or Locked } =>
            $"database is locked: another connection or process held the SQLite file '{StoreName}' longer than the busy timeout ({_options.BusyTimeout}). " +
            "Make sure only one engine process uses this journal file, or raise engine.persistence.sqlite.busy-timeout.",
        SqliteException { SqliteErrorCode: Full } =>
            $"disk full: SQLite could not grow '{StoreName}'. Free space on that volume (or move engine.persistence.sqlite.path), then restart the engine.",
        SqliteException { SqliteErrorCode: Corrupt or NotADatabase } =>
            $"the SQLite file '{StoreName}' is corrupt or not a journal database ({error.Message}). Restore it from a backup or move it aside to start empty.",
        SqliteException { SqliteErrorCode: ReadOnly or CantOpen } =>
            $"SQLite cannot open or write '{StoreName}' ({error.Message}). Check the path exists and the engine's user may write the file and its directory.",
        SqliteException { SqliteErrorCode: IoError } =>
            $"an I/O error on '{StoreName}' ({error.Message}). Check the disk and file system; the last commit's outcome is unknown.",
        _ => $"{error.GetType().Name} on SQLite file '{StoreName}': {error.Message}",
    };

    // Pooled connections keep the file open; release them so the file can be moved or deleted after shutdown.
    public override ValueTask DisposeAsync()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
        return ValueTask.CompletedTask;
    }
}
