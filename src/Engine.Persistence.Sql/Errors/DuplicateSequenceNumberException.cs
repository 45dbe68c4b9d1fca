namespace Engine.Persistence.Sql.Errors;

/// <summary>
/// The journal already holds an event with this (persistence id, sequence number): another writer owns the id.
/// This is a write failure, never an overwrite; the losing actor stops and recovers.
/// </summary>
public sealed class DuplicateSequenceNumberException(string persistenceId, long fromSequenceNr, long toSequenceNr, string store, Exception inner)
    : JournalWriteException(
        [persistenceId],
        $"The journal at {store} already holds an event of '{persistenceId}' with a sequence number in {fromSequenceNr}..{toSequenceNr}; " +
        "another writer (a second actor or engine node) is writing this persistence id. None of the events of this write were stored; " +
        "the actor must stop and recover to see what the journal holds, and only one live actor may own a persistence id.",
        inner)
{
    public string PersistenceId { get; } = persistenceId;
}
