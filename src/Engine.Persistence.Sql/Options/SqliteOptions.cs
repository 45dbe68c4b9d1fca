namespace Engine.Persistence.Sql.Options;

/// <summary>The embedded SQLite journal (<c>engine.persistence.sqlite</c>).</summary>
public sealed class SqliteOptions
{
    /// <summary>The database file; its directory is created when missing.</summary>
    public string Path { get; set; } = "engine-data/journal.db";

    /// <summary>Durability of each commit; <see cref="SqliteSynchronous.Full"/> is the durable default.</summary>
    public SqliteSynchronous Synchronous { get; set; } = SqliteSynchronous.Full;

    /// <summary>How long a statement waits for another connection's lock before it fails as "database is locked".</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    internal void Validate(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(Path))
            errors.Add("engine.persistence.sqlite.path is empty; set it to the journal file, e.g. engine-data/journal.db.");
        if (BusyTimeout < TimeSpan.FromMilliseconds(1) || BusyTimeout > TimeSpan.FromHours(1))
            errors.Add($"engine.persistence.sqlite.busy-timeout must be between 1ms and 1h (got {BusyTimeout}).");
        if (!Enum.IsDefined(Synchronous))
            errors.Add($"engine.persistence.sqlite.synchronous must be full or normal (got {Synchronous}).");
    }
}
