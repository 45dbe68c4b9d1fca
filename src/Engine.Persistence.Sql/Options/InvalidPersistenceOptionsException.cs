namespace Engine.Persistence.Sql.Options;

/// <summary>One or more <c>engine.persistence</c> settings are invalid; the message lists each with what to set.</summary>
public sealed class InvalidPersistenceOptionsException(IReadOnlyList<string> errors)
    : Exception("Invalid persistence settings:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
