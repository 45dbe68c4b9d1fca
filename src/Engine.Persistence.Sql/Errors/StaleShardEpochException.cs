namespace Engine.Persistence.Sql.Errors;

/// <summary>
/// The journal refused a write because its node no longer holds the shard of the persistence id under the
/// epoch it wrote with (cluster mode): another node took the shard over, it was released, or the node's lease
/// lapsed. None of the events of the write were stored. The actor must stop and the node must drop the shard;
/// its owner recovers the transfer from the journal.
/// </summary>
public sealed class StaleShardEpochException(
    string persistenceId, long fromSequenceNr, long toSequenceNr, int shard, string nodeId, long? writerEpoch,
    string? currentOwner, long? currentEpoch, string store)
    : JournalWriteException([persistenceId],
        $"The journal at {store} refused event(s) {fromSequenceNr}..{toSequenceNr} of '{persistenceId}' written by node '{nodeId}' " +
        (writerEpoch is null
            ? $"without a valid lease on shard {shard} (the node lost or never held it). "
            : $"under epoch {writerEpoch} of shard {shard}, which is now " +
              (currentOwner is null ? "held by no node" : $"held by node '{currentOwner}' under epoch {currentEpoch}") + ". ") +
        "Nothing of this write was stored. The actor stops and the node drops the shard; its owner recovers the transfer from the journal.")
{
    public string PersistenceId { get; } = persistenceId;
    public int Shard { get; } = shard;

    /// <summary>The node that attempted the write.</summary>
    public string NodeId { get; } = nodeId;

    /// <summary>The epoch the write carried, or <c>null</c> when the node held no lease on the shard at all.</summary>
    public long? WriterEpoch { get; } = writerEpoch;

    /// <summary>The node holding the shard when the write was refused in the database, or <c>null</c> (none, or not asked).</summary>
    public string? CurrentOwner { get; } = currentOwner;

    /// <summary>The shard's epoch when the write was refused in the database, or <c>null</c> (refused before reaching it).</summary>
    public long? CurrentEpoch { get; } = currentEpoch;
}
