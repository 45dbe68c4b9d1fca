namespace Engine.Persistence.Sql.Options;

/// <summary>SQLite's <c>PRAGMA synchronous</c> level (<c>engine.persistence.sqlite.synchronous</c>).</summary>
public enum SqliteSynchronous
{
    /// <summary>Every commit is on disk before its writers are told (durable across power loss).</summary>
    Full,

    /// <summary>Commits survive a process crash but the last ones may be lost on power loss; faster.</summary>
    Normal,
}
