using Engine.Cluster.Routing;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Keeps one connection listening to the command queue's channels and hands each notification on: a queued command
/// wakes this node's executor (when it is a node), a reply wakes its waiter. A lost connection is opened again after
/// a pause, and every waiter and the executor are woken then, since notifications may have been missed meanwhile.
/// </summary>
internal sealed class ClusterListener : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly ShardCommandQueue _queue;
    private readonly ReplyWaiters _replies;
    private readonly Action<int>? _commandQueued;
    private readonly Action? _reconnected;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    /// <param name="queue">The queue whose channels to listen to.</param>
    /// <param name="replies">Woken by reply notifications.</param>
    /// <param name="commandQueued">Called with the shard of each queued command; <c>null</c> for a client, which runs no commands.</param>
    /// <param name="reconnected">Called after each (re)connection, when notifications may have been missed.</param>
    /// <param name="log">Where a lost connection is reported.</param>
    /// <param name="time">The clock of the reconnection pause.</param>
    public ClusterListener(ShardCommandQueue queue, ReplyWaiters replies, Action<int>? commandQueued, Action? reconnected, ILogger log, TimeProvider time)
    {
        _queue = queue;
        _replies = replies;
        _commandQueued = commandQueued;
        _reconnected = reconnected;
        _log = log;
        _time = time;
    }

    /// <summary>Opens the first connection (so a broken database fails the start) and listens from then on.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var first = await _queue.ListenAsync(cancellationToken).ConfigureAwait(false);
        _loop = RunAsync(first, _stopping.Token);
    }

    private async Task RunAsync(ClusterNotifications? connection, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                connection ??= await _queue.ListenAsync(stopping).ConfigureAwait(false);
                _replies.WakeAll();
                _reconnected?.Invoke();
                await foreach (var notification in connection.Received.ReadAllAsync(stopping).ConfigureAwait(false))
                {
                    if (notification is CommandQueued queued) _commandQueued?.Invoke(queued.Shard);
                    else if (notification is CommandReplied replied) _replies.Replied(replied.CommandId);
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                // Stopping.
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Listening to the cluster's command notifications failed; listening again in {Delay} (commands are also polled meanwhile)",
                    ReconnectDelay);
            }
            finally
            {
                if (connection is not null) await connection.DisposeAsync().ConfigureAwait(false);
                connection = null;
            }
            try
            {
                await Task.Delay(ReconnectDelay, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
