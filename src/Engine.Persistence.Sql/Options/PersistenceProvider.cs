namespace Engine.Persistence.Sql.Options;

/// <summary>The database behind the journal and snapshot store (<c>engine.persistence.provider</c>).</summary>
public enum PersistenceProvider
{
    /// <summary>An embedded SQLite file: the single-node default.</summary>
    Sqlite,

    /// <summary>A shared PostgreSQL server, for several nodes.</summary>
    Postgresql,
}
