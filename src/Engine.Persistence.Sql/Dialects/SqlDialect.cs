using System.Data.Common;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.GroupCommit;
using Engine.Persistence.Sql.Journal;

namespace Engine.Persistence.Sql.Dialects;

/// <summary>
/// What differs between the databases: connections, DDL, the bulk insert and error classification.
/// Everything else (statements, group commit, replay, snapshots) is shared.
/// </summary>
internal abstract class SqlDialect : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql"; used in metric tags.</summary>
    public abstract string Provider { get; }

    /// <summary>The database as people know it (file path, host/database), for messages and metric tags; never a password.</summary>
    public abstract string StoreName { get; }

    /// <summary>How many group-commit writers may commit at once.</summary>
    public abstract int Writers { get; }

    public abstract string JournalTable { get; }
    public abstract string SnapshotTable { get; }
    public abstract string SchemaVersionTable { get; }

    /// <summary>Idempotent DDL creating the tables, run inside one locked transaction.</summary>
    public abstract IReadOnlyList<string> SchemaStatements { get; }

    /// <summary>An open connection configured for this journal.</summary>
    public abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>Database-wide settings that must be made outside a transaction (SQLite's WAL mode).</summary>
    public virtual Task PrepareDatabaseAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serializes schema creation between processes starting at once.</summary>
    public abstract Task LockSchemaAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Inserts the rows inside <paramref name="transaction"/> as fast as the database allows.</summary>
    public abstract Task InsertEventsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<SerializedEvent> events, CancellationToken cancellationToken);

    /// <summary>How one group-commit writer tells a committed batch's writers; by default at once, as COMMIT is durable.</summary>
    public virtual CommitFlush CreateCommitFlush(PersistenceMetrics metrics, TimeProvider time) => CommitFlush.Immediate;

    /// <summary>True when <paramref name="error"/> is a UNIQUE(persistence_id, sequence_nr) violation.</summary>
    public abstract bool IsUniqueViolation(Exception error);

    /// <summary>What went wrong in words a user can act on ("database is locked: …; do …").</summary>
    public abstract string Explain(Exception error);

    public virtual ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
