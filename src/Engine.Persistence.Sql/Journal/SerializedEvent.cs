using Engine.Persistence.Sql.Fencing;

namespace Engine.Persistence.Sql.Journal;

/// <summary>
/// One journal row, serialized before any transaction starts (so a bad payload never reaches a batch), with the
/// lease it is written under in cluster mode (<c>null</c> without a fence).
/// </summary>
internal readonly record struct SerializedEvent(
    string PersistenceId,
    long SequenceNr,
    long CreatedUnixMs,
    string Manifest,
    byte[] Payload,
    string WriterUuid,
    FenceToken? Fence = null);
