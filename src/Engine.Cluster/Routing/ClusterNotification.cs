namespace Engine.Cluster.Routing;

/// <summary>What a <c>NOTIFY</c> of the command queue announced.</summary>
public abstract record ClusterNotification;

/// <summary>A command for <paramref name="Shard"/> was queued: its owner should take the pending commands.</summary>
public sealed record CommandQueued(int Shard) : ClusterNotification;

/// <summary>The command <paramref name="CommandId"/> was answered: its sender can read the reply.</summary>
public sealed record CommandReplied(long CommandId) : ClusterNotification;
