using Engine.Cluster.Routing;
using Engine.Cluster.Sharding;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Sends a command to the owner of a transfer's shard through <c>cluster_commands</c> and waits for the reply: woken
/// by its <c>NOTIFY</c>, and polling as well (a notification lost with a connection only delays it). After
/// <c>engine.cluster.command-timeout</c> the caller gets a <see cref="RoutedCommandTimeoutException"/>; the command
/// itself stays queued for the shard's next owner, so it is never lost.
/// </summary>
internal sealed class TransferRouter(ShardCommandQueue queue, ReplyWaiters replies, string fromNode, int shardCount, TimeSpan timeout, TimeProvider time)
{
    // A reply is normally announced; the poll only bounds the delay when an announcement was missed.
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>Has the owner of <paramref name="transferId"/>'s shard start it from <paramref name="order"/>; answers the id once the order is recorded.</summary>
    /// <exception cref="RoutedCommandTimeoutException">No owner answered within the command timeout (the start stays queued).</exception>
    public async Task<string> StartAsync(TransferKind kind, object order, string transferId, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(transferId, RoutedCodec.StartKind(kind), RoutedCodec.EncodeOrder(order), cancellationToken).ConfigureAwait(false);
        return reply.StartedId ?? throw Unanswered(reply, transferId);
    }

    /// <summary>Asks <paramref name="request"/> of the owner of <paramref name="transferId"/>'s shard; answers the transfer's status.</summary>
    /// <exception cref="UnknownTransferException">The owner holds no such transfer.</exception>
    /// <exception cref="RoutedCommandTimeoutException">No owner answered within the command timeout (the command stays queued).</exception>
    public async Task<TransferStatus> AskAsync(string transferId, TransferAction request, CancellationToken cancellationToken)
    {
        var reply = await SendAsync(transferId, request.WireName(), "{}", cancellationToken).ConfigureAwait(false);
        return reply.Status ?? throw Unanswered(reply, transferId);
    }

    private static Exception Unanswered(RoutedReply reply, string transferId) => reply.UnknownTransfer
        ? new UnknownTransferException(transferId)
        : new InvalidOperationException(reply.Failure ?? $"The owner of transfer '{transferId}' sent an empty reply; it runs another engine version.");

    /// <summary>Queues <paramref name="kind"/> for <paramref name="transferId"/> and returns the owner's reply.</summary>
    /// <exception cref="RoutedCommandTimeoutException">No owner answered within the command timeout.</exception>
    /// <exception cref="ShardCommandBacklogException">The shard already has the maximum of commands waiting.</exception>
    private async Task<RoutedReply> SendAsync(string transferId, string kind, string payload, CancellationToken cancellationToken)
    {
        var shard = ShardHash.ShardOf(transferId, shardCount);
        var id = await queue.SendAsync(shard, transferId, kind, payload, fromNode, cancellationToken).ConfigureAwait(false);
        using var deadline = new CancellationTokenSource(timeout, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        try
        {
            while (true)
            {
                var announced = replies.Expect(id);
                if (await queue.TakeReplyAsync(id, cancellationToken).ConfigureAwait(false) is { } reply)
                    return RoutedCodec.DecodeReply(id, reply);
                try
                {
                    await announced.WaitAsync(PollInterval, time, waiting.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Poll.
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new RoutedCommandTimeoutException(transferId, kind, shard, timeout);
                }
            }
        }
        finally
        {
            replies.Forget(id);
        }
    }
}
