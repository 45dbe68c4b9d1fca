namespace Engine.Cluster.Sharding;

/// <summary>One step of an <see cref="AllocationPlan"/>: <paramref name="Node"/> releases or acquires <paramref name="Shard"/>.</summary>
public readonly record struct ShardMove(int Shard, string Node);
