namespace Engine.Transfers.Clustering;

/// <summary>What the owner of a shard answered to a routed command, as stored in <c>cluster_commands.reply</c>.</summary>
/// <param name="StartedId">A start: the id of the transfer now recorded in the journal.</param>
/// <param name="Status">A status, pause, resume or cancel: the transfer's status afterwards.</param>
/// <param name="UnknownTransfer">The owner holds no such transfer.</param>
/// <param name="Failure">The command could not be run; why, naming the transfer.</param>
internal sealed record RoutedReply(string? StartedId = null, TransferStatus? Status = null, bool UnknownTransfer = false, string? Failure = null);
