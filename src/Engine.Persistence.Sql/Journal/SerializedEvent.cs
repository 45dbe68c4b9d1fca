namespace Engine.Persistence.Sql.Journal;

/// <summary>One journal row, serialized before any transaction starts (so a bad payload never reaches a batch).</summary>
internal readonly record struct SerializedEvent(
    string PersistenceId,
    long SequenceNr,
    long CreatedUnixMs,
    string Manifest,
    byte[] Payload,
    string WriterUuid);
