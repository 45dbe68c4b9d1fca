namespace Engine.Persistence.Sql.Fencing;

/// <summary>A node's claim to write the events of one shard: the shard, the node and the epoch of its lease.</summary>
/// <param name="Shard">The shard of the persistence id (0..shard-count-1).</param>
/// <param name="NodeId">The node that writes.</param>
/// <param name="Epoch">
/// The fencing epoch of the node's lease on the shard (it grows with every new owner), or <c>null</c> when the
/// node holds no valid lease on it: such a write is refused without touching the database.
/// </param>
public readonly record struct FenceToken(int Shard, string NodeId, long? Epoch);
