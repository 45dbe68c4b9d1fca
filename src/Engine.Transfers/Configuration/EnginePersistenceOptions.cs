using Engine.Persistence.Sql.Options;

namespace Engine.Transfers.Configuration;

/// <summary>
/// The whole <c>engine.persistence</c> section: the SQL store's own settings (<see cref="SqlPersistenceOptions"/>)
/// plus what the actor runtime reads (snapshots, recovery limit, restart backoff).
/// </summary>
public sealed class EnginePersistenceOptions
{
    /// <summary><c>provider</c>: sqlite (embedded default) or postgresql.</summary>
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    /// <summary><c>snapshot-every</c>: a transfer snapshots its state after this many events (0: never).</summary>
    public int SnapshotEvery { get; set; } = 100;

    /// <summary><c>recovery</c>: the concurrent-recovery limit.</summary>
    public RecoverySettings Recovery { get; set; } = new();

    /// <summary><c>backoff</c>: restarts after journal failures.</summary>
    public BackoffSettings Backoff { get; set; } = new();

    /// <summary><c>group-commit</c>: how appends share transactions.</summary>
    public GroupCommitOptions GroupCommit { get; set; } = new();

    /// <summary><c>sqlite</c>: the embedded journal file.</summary>
    public SqliteOptions Sqlite { get; set; } = new();

    /// <summary><c>postgresql</c>: the shared journal server.</summary>
    public PostgresqlOptions Postgresql { get; set; } = new();

    /// <summary>The store's part of these settings.</summary>
    public SqlPersistenceOptions ToSqlOptions() => new()
    {
        Provider = Provider,
        GroupCommit = GroupCommit,
        Sqlite = Sqlite,
        Postgresql = Postgresql,
    };
}
