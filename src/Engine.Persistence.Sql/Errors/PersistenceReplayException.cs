namespace Engine.Persistence.Sql.Errors;

/// <summary>A stored event or snapshot cannot be read back (unknown manifest, corrupt payload or row).</summary>
public sealed class PersistenceReplayException(string persistenceId, long sequenceNr, string? manifest, string message, Exception inner)
    : PersistenceStoreException(message, inner)
{
    public string PersistenceId { get; } = persistenceId;
    public long SequenceNr { get; } = sequenceNr;

    /// <summary>The stored manifest, or <c>null</c> when the row is too damaged to hold one.</summary>
    public string? Manifest { get; } = manifest;
}
