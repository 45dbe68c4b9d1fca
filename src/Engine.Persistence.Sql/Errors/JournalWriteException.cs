namespace Engine.Persistence.Sql.Errors;

/// <summary>
/// A write <i>failed</i>: its outcome is unknown to the writer (see <c>IJournal</c>), so the persistent actor
/// stops and recovers from what the journal really holds.
/// </summary>
public class JournalWriteException(IReadOnlyList<string> persistenceIds, string message, Exception? inner = null)
    : PersistenceStoreException(message, inner)
{
    /// <summary>The persistence ids whose events were in the failed write.</summary>
    public IReadOnlyList<string> PersistenceIds { get; } = persistenceIds;
}
