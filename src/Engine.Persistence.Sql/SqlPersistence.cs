using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Dialects;
using Engine.Persistence.Sql.Fencing;
using Engine.Persistence.Sql.GroupCommit;
using Engine.Persistence.Sql.Journal;
using Engine.Persistence.Sql.Options;
using Engine.Persistence.Sql.Schema;
using Engine.Persistence.Sql.Snapshots;

namespace Engine.Persistence.Sql;

/// <summary>
/// The journal and snapshot store of one database, opened from <see cref="SqlPersistenceOptions"/>:
/// <code>
/// await using var persistence = await SqlPersistence.OpenAsync(options, serializer);
/// IJournal journal = persistence.Journal;
/// ISnapshotStore snapshots = persistence.SnapshotStore;
/// </code>
/// Opening validates the options and creates the tables when missing (safe when several processes open at once).
/// Disposing commits what is queued, then closes the connections.
/// </summary>
public sealed class SqlPersistence : IAsyncDisposable
{
    private readonly SqlDialect _dialect;

    private SqlPersistence(SqlDialect dialect, SqlJournal journal, SqlSnapshotStore snapshotStore, PersistenceMetrics metrics)
    {
        _dialect = dialect;
        Journal = journal;
        SnapshotStore = snapshotStore;
        Metrics = metrics;
    }

    public SqlJournal Journal { get; }

    public SqlSnapshotStore SnapshotStore { get; }

    /// <summary>The instruments of this journal (batch sizes, commit latency, failed events).</summary>
    public PersistenceMetrics Metrics { get; }

    /// <summary>Validates <paramref name="options"/>, creates the schema when missing, and starts the group-commit writers.</summary>
    /// <exception cref="Options.InvalidPersistenceOptionsException">A setting is invalid.</exception>
    /// <exception cref="Errors.PersistenceStoreException">The database cannot be opened or initialized.</exception>
    public static Task<SqlPersistence> OpenAsync(SqlPersistenceOptions options, IPersistenceSerializer serializer,
        TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(options, serializer, fence: null, time, cancellationToken);

    /// <summary>
    /// As <see cref="OpenAsync(SqlPersistenceOptions, IPersistenceSerializer, TimeProvider?, CancellationToken)"/>, for
    /// cluster mode: every write is checked against <paramref name="fence"/> in its own transaction (see
    /// <see cref="IJournalFence"/>). Only PostgreSQL journals take a fence; <c>null</c> means no check at all.
    /// </summary>
    /// <exception cref="Options.InvalidPersistenceOptionsException">A setting is invalid, or a fence is given for SQLite.</exception>
    public static async Task<SqlPersistence> OpenAsync(SqlPersistenceOptions options, IPersistenceSerializer serializer,
        IJournalFence? fence, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(serializer);
        options.Validate();
        if (fence is not null && options.Provider != PersistenceProvider.Postgresql)
            throw new InvalidPersistenceOptionsException([
                $"Cluster mode (engine.cluster.enabled = on) needs engine.persistence.provider = postgresql (got {options.Provider}): " +
                "the nodes share the journal and their shard leases in one PostgreSQL database."]);
        time ??= TimeProvider.System;
        SqlDialect dialect = options.Provider == PersistenceProvider.Sqlite
            ? new SqliteDialect(options.Sqlite)
            : new PostgresqlDialect(options.Postgresql);
        try
        {
            var statements = new SqlStatements(dialect);
            await SchemaInitializer.InitializeAsync(dialect, statements, time, cancellationToken);
            var metrics = new PersistenceMetrics(dialect.Provider, dialect.StoreName);
            var fenceCheck = fence is null ? null : new FenceCheck(fence, dialect.StoreName, metrics);
            var writer = new GroupCommitWriter(dialect, options.GroupCommit, metrics, time, fenceCheck);
            return new SqlPersistence(dialect,
                new SqlJournal(dialect, statements, serializer, writer, fenceCheck),
                new SqlSnapshotStore(dialect, statements, serializer),
                metrics);
        }
        catch
        {
            await dialect.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Journal.DisposeAsync();
        Metrics.Dispose();
        await _dialect.DisposeAsync();
    }
}
