namespace Engine.Transfers.Clustering;

/// <summary>
/// A command routed to the owner of a transfer's shard got no answer within <c>engine.cluster.command-timeout</c>: the
/// shard has no live owner (a node failed and its lease has not expired yet, or a handover takes long) or its owner is
/// overloaded. The command is not lost: it stays queued and runs once an owner takes the shard.
/// </summary>
public sealed class RoutedCommandTimeoutException(string transferId, string command, int shard, TimeSpan timeout)
    : TimeoutException($"The {command} command for transfer '{transferId}' got no answer within {timeout} (engine.cluster.command-timeout): " +
                       $"shard {shard} has no live owner right now (a node failed or hands it over) or its owner is overloaded. " +
                       "The command stays queued and runs once a node owns the shard; ask for the transfer's status again later.")
{
    /// <summary>The transfer concerned.</summary>
    public string TransferId { get; } = transferId;

    /// <summary>The shard whose owner did not answer.</summary>
    public int Shard { get; } = shard;
}
