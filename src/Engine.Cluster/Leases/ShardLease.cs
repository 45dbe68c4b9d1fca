namespace Engine.Cluster.Leases;

/// <summary>One row of <c>shard_leases</c> as read at one moment.</summary>
/// <param name="Shard">The shard id.</param>
/// <param name="Owner">The node incarnation named as owner, or <c>null</c> when released or never owned.</param>
/// <param name="Epoch">The fencing epoch: how many times the shard has been acquired.</param>
/// <param name="IsValid">Whether the owner's node lease (same incarnation) had not expired at the time of the read.</param>
public readonly record struct ShardLease(int Shard, NodeLease? Owner, long Epoch, bool IsValid)
{
    /// <summary>The owner's node id when its lease is valid, otherwise <c>null</c> (the shard is free to acquire).</summary>
    public string? ValidOwner => IsValid ? Owner?.NodeId : null;
}
