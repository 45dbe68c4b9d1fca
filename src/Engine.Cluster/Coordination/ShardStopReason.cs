namespace Engine.Cluster.Coordination;

/// <summary>Why a node stops the actors of a shard.</summary>
public enum ShardStopReason
{
    /// <summary>A clean handoff (rebalance or graceful leave): the node still holds the lease and releases it afterwards.</summary>
    Handoff,

    /// <summary>The lease is gone (expired, replaced, taken over): the node's writes for the shard are already refused.</summary>
    Lost,
}
