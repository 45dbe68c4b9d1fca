namespace Engine.Cluster.Leases;

/// <summary>One incarnation of a node in the cluster: every join (also a restart) gets a new incarnation, which kills the old one's leases.</summary>
public readonly record struct NodeLease(string NodeId, long Incarnation);
