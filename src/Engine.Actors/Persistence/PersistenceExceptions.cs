namespace Engine.Actors.Persistence;

/// <summary>
/// A journal write failed with an unknown outcome; the persistent actor stopped with this as the reason (its
/// backoff supervisor restarts it, and recovery shows what the journal really holds).
/// </summary>
public sealed class PersistenceFailureException(string persistenceId, long fromSequenceNr, long toSequenceNr, Exception inner)
    : Exception($"Writing events {fromSequenceNr}..{toSequenceNr} of persistent actor '{persistenceId}' failed with an unknown outcome: {inner.Message}. " +
                "The actor stopped; its backoff supervisor restarts it and recovery shows what was stored.", inner)
{
    /// <summary>The actor whose write failed.</summary>
    public string PersistenceId { get; } = persistenceId;
}

/// <summary>Recovering a persistent actor failed (journal or snapshot store error, unknown manifest, or a throwing <c>ReceiveRecover</c>); it stopped.</summary>
public sealed class RecoveryFailedException(string persistenceId, long? sequenceNr, Exception inner)
    : Exception($"Recovery of persistent actor '{persistenceId}' failed{(sequenceNr is { } nr ? $" at event {nr}" : "")}: {inner.Message}. " +
                "The actor stopped; fix the stored data or register the missing event type, then start it again.", inner)
{
    /// <summary>The actor that could not recover.</summary>
    public string PersistenceId { get; } = persistenceId;
}
