namespace Engine.Cluster.Storage;

/// <summary>The cluster tables could not be read or changed; the message says what was attempted, on which database, and what to do.</summary>
public sealed class ClusterStoreException(string message, Exception? inner = null) : Exception(message, inner);
