namespace Engine.Persistence.Sql.Options;

/// <summary>How durable a commit is before its writers are told (<c>engine.persistence.sqlite.synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// Every commit's write-ahead log is fsynced before its writers are told (durable across power loss): by SQLite inside
    /// COMMIT, or by the journal right after it (<see cref="SqliteOptions.PipelinedFsync"/>).
    /// </summary>
    Full,

    /// <summary>SQLite's <c>synchronous = NORMAL</c>: commits survive a process crash but the last ones may be lost on power loss; faster.</summary>
    Normal,
}
