namespace Engine.Persistence.Sql.Fencing;

/// <summary>
/// Cluster mode's guard on the journal: which shard lease a node holds for each persistence id, and where the
/// leases live. With a fence every group-commit transaction locks the lease rows of its events' shards
/// (<c>FOR SHARE</c>) and refuses any event whose epoch is no longer the row's, in the same transaction as the
/// insert, so a node that lost a shard can never write after the new owner took it over.
/// </summary>
/// <remarks>Only PostgreSQL journals take a fence. Without one (single-node mode) the journal runs no check at all.</remarks>
public interface IJournalFence
{
    /// <summary>
    /// The quoted, schema-qualified lease table in the journal's database, with at least the columns
    /// <c>shard_id INTEGER</c> (unique), <c>owner_node TEXT</c> (null when nobody holds it) and <c>epoch BIGINT</c>.
    /// </summary>
    string LeaseTable { get; }

    /// <summary>
    /// The shard of <paramref name="persistenceId"/> and the epoch under which this node holds it; the epoch is
    /// <c>null</c> when the node holds no valid lease on it (the shard belongs to another node, was released, or
    /// this node's lease lapsed), and the write is then refused without touching the database.
    /// Called for every write; must be cheap and thread-safe.
    /// </summary>
    FenceToken TokenFor(string persistenceId);
}
