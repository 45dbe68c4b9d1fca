namespace Engine.Persistence.Sql.Options;

/// <summary>
/// The <c>engine.persistence</c> settings. Property names are the PascalCase form of the HOCON keys
/// (<c>group-commit.max-batch-size</c> ↔ <c>GroupCommit.MaxBatchSize</c>).
/// </summary>
public sealed class SqlPersistenceOptions
{
    /// <summary>Which database holds the journal (<c>sqlite</c> or <c>postgresql</c>).</summary>
    public PersistenceProvider Provider { get; set; } = PersistenceProvider.Sqlite;

    public GroupCommitOptions GroupCommit { get; set; } = new();

    public SqliteOptions Sqlite { get; set; } = new();

    public PostgresqlOptions Postgresql { get; set; } = new();

    /// <summary>Checks every setting the chosen provider uses.</summary>
    /// <exception cref="InvalidPersistenceOptionsException">One message per bad setting.</exception>
    public void Validate()
    {
        var errors = new List<string>();
        if (GroupCommit is null) errors.Add("engine.persistence.group-commit is missing.");
        else GroupCommit.Validate(errors);
        switch (Provider)
        {
            case PersistenceProvider.Sqlite when Sqlite is null:
                errors.Add("engine.persistence.sqlite is missing.");
                break;
            case PersistenceProvider.Sqlite:
                Sqlite.Validate(errors);
                break;
            case PersistenceProvider.Postgresql when Postgresql is null:
                errors.Add("engine.persistence.postgresql is missing.");
                break;
            case PersistenceProvider.Postgresql:
                Postgresql.Validate(errors);
                break;
            default:
                errors.Add($"engine.persistence.provider must be sqlite or postgresql (got {Provider}).");
                break;
        }
        if (errors.Count > 0)
            throw new InvalidPersistenceOptionsException(errors);
    }
}
