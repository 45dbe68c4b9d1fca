namespace Engine.Cluster.Routing;

/// <summary>A command for a transfer that another node owns, as it waits in <c>cluster_commands</c>.</summary>
/// <param name="Id">Its row id: the order in which commands of a shard are executed, and the key of its reply.</param>
/// <param name="Shard">The shard of <paramref name="TransferId"/>; its owner executes the command.</param>
/// <param name="TransferId">The transfer concerned.</param>
/// <param name="Kind">What to do (<c>start-upload</c>, <c>pause</c>, <c>status</c>, …), for the owner's dispatcher.</param>
/// <param name="Payload">The command's arguments as JSON; never a token (tokens are per node).</param>
/// <param name="FromNode">The node that accepted the command and waits for the reply.</param>
/// <param name="Created">When it was sent, by the sender's clock.</param>
public sealed record ShardCommand(long Id, int Shard, string TransferId, string Kind, string Payload, string FromNode, DateTimeOffset Created);
