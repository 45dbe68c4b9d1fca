namespace Engine.Benchmarks.Journal;

/// <summary>The SQLite settings compared by <see cref="SqliteAppendLeverBenchmarks"/>; each adds one lever to the one before.</summary>
public enum SqliteAppendLever
{
    /// <summary>The settings before the levers: SQLite's 2 MiB cache and 1,000-page checkpoints, fsync inside COMMIT, batches of 500.</summary>
    Before,

    /// <summary>+ a 64 MiB page cache.</summary>
    Cache,

    /// <summary>+ checkpoints only every 64 MiB of write-ahead log.</summary>
    Checkpoint,

    /// <summary>+ the pipelined fsync: the journal syncs the log after COMMIT, outside the write lock (the defaults).</summary>
    Pipelined,

    /// <summary>+ batches of up to 1,000 events.</summary>
    Batch1000,

    /// <summary>The defaults with <c>synchronous = normal</c>: not durable across power loss, for comparison only.</summary>
    NormalNotDurable,
}
