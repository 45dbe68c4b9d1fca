namespace Engine.Persistence.Sql.Options;

/// <summary>The embedded SQLite journal (<c>engine.persistence.sqlite</c>).</summary>
public sealed class SqliteOptions
{
    private const long KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

    /// <summary>The database file; its directory is created when missing.</summary>
    public string Path { get; set; } = "engine-data/journal.db";

    /// <summary>Durability of each commit; <see cref="SqliteSynchronous.Full"/> is the durable default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>
    /// With <see cref="SqliteSynchronous.Full"/>: the journal fsyncs the write-ahead log itself after a group commit has
    /// released SQLite's write lock, and tells the batch's writers only once that fsync returned, so the next batch is
    /// written while the disk syncs. When off, SQLite fsyncs inside COMMIT and holds the lock meanwhile. Either way an
    /// acknowledged event survives a power loss. Linux only; elsewhere SQLite keeps syncing inside COMMIT.
    /// </summary>
    public bool PipelinedFsync { get; set; } = true;

    /// <summary>
    /// SQLite's page cache per connection (<c>PRAGMA cache_size</c>; a ceiling, filled only as pages are read). A batch
    /// from many persistence ids touches one index page per id, so the cache should hold the index of the active ids.
    /// </summary>
    public long CacheSize { get; set; } = 64 * MiB;

    /// <summary>
    /// Write-ahead-log size after which a commit copies the log into the database file (<c>PRAGMA wal_autocheckpoint</c>).
    /// A page rewritten by many batches is copied once per checkpoint, so a larger log means less copying; the log file
    /// grows to about this size.
    /// </summary>
    public long WalCheckpointSize { get; set; } = 64 * MiB;

    /// <summary>How long a statement waits for another connection's lock before it fails as "database is locked".</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Whether the journal does the commit's fsync itself, outside SQLite's write lock.</summary>
    internal bool FsyncsOutsideCommit => Synchronous == SqliteSynchronous.Full && PipelinedFsync && OperatingSystem.IsLinux();

    internal void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Path))
            errors.Add("engine.persistence.sqlite.path is empty; set it to the journal file, e.g. engine-data/journal.db.");
        if (BusyTimeout < TimeSpan.FromMilliseconds(1) || BusyTimeout > TimeSpan.FromHours(1))
            errors.Add($"engine.persistence.sqlite.busy-timeout must be between 1ms and 1h (got {BusyTimeout}).");
        if (!Enum.IsDefined(Synchronous))
            errors.Add($"engine.persistence.sqlite.synchronous must be full or normal (got {Synchronous}).");
        if (CacheSize is < 1 * MiB or > 16 * GiB)
            errors.Add($"engine.persistence.sqlite.cache-size must be between 1MiB and 16GiB (got {CacheSize} bytes).");
        if (WalCheckpointSize is < 1 * MiB or > 16 * GiB)
            errors.Add($"engine.persistence.sqlite.wal-checkpoint-size must be between 1MiB and 16GiB (got {WalCheckpointSize} bytes).");
    }
}
