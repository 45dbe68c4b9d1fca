using System.Collections.Concurrent;
using Engine.Cluster.Sharding;
using Engine.Persistence.Sql.Fencing;

namespace Engine.Cluster.Coordination;

/// <summary>
/// The shards this node holds and their epochs, as its coordinator last established them; the journal's fence
/// (<see cref="IJournalFence"/>). A node also fences itself: once its lease's local deadline (renewal start +
/// lease duration) passes without a renewal, it claims no shard, so a node waking from a long pause refuses its
/// own writes before it reaches the database.
/// </summary>
public sealed class ShardOwnership : IJournalFence
{
    private readonly ConcurrentDictionary<int, long> _epochs = new();
    private readonly TimeProvider _time;
    private long _validUntilUnixMs;

    internal ShardOwnership(string nodeId, int shardCount, string leaseTable, TimeProvider time)
    {
        NodeId = nodeId;
        ShardCount = shardCount;
        LeaseTable = leaseTable;
        _time = time;
    }

    public string NodeId { get; }

    public int ShardCount { get; }

    /// <inheritdoc />
    public string LeaseTable { get; }

    /// <summary>The shards held, lowest first (whether or not the lease is still valid locally).</summary>
    public IReadOnlyList<int> Shards => [.. _epochs.Keys.Order()];

    /// <summary>When this node's lease lapses by its own clock, unless renewed first.</summary>
    public DateTimeOffset ValidUntil => DateTimeOffset.FromUnixTimeMilliseconds(Interlocked.Read(ref _validUntilUnixMs));

    /// <summary>Whether the node's lease is still valid by its own clock.</summary>
    public bool IsValid => _time.GetUtcNow() < ValidUntil;

    /// <summary>The epoch under which this node holds <paramref name="shard"/> with a valid lease, or <c>null</c>.</summary>
    public long? EpochOf(int shard) => IsValid && _epochs.TryGetValue(shard, out var epoch) ? epoch : null;

    /// <summary>Whether this node owns the shard of <paramref name="transferId"/> (so its actor should run here).</summary>
    public bool Owns(string transferId) => EpochOf(ShardHash.ShardOf(transferId, ShardCount)) is not null;

    /// <inheritdoc />
    public FenceToken TokenFor(string persistenceId)
    {
        var shard = ShardHash.ShardOf(persistenceId, ShardCount);
        return new FenceToken(shard, NodeId, EpochOf(shard));
    }

    internal void Renewed(DateTimeOffset validUntil) => Interlocked.Exchange(ref _validUntilUnixMs, validUntil.ToUnixTimeMilliseconds());

    internal void Hold(int shard, long epoch) => _epochs[shard] = epoch;

    internal bool TryHeldEpoch(int shard, out long epoch) => _epochs.TryGetValue(shard, out epoch);

    internal void Forget(int shard) => _epochs.TryRemove(shard, out _);
}
