using Engine.Actors;
using Engine.Cluster.Coordination;
using Engine.Cluster.Routing;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Runs the commands other nodes routed to the shards this node owns. Each shard with commands waiting gets a worker
/// that takes them in order, runs them on the local supervisor and stores the replies; shards run side by side. A
/// worker is started by a notification for its shard, after the shard starts here, and by a sweep every renew
/// interval (the safety net for missed notifications, and for commands that waited through a handover). A command
/// whose shard no longer runs here (handed off meanwhile) is left unanswered, with the shard's later ones, for the next
/// owner; answers nobody took are purged after a while.
/// </summary>
internal sealed class ShardCommandExecutor : IAsyncDisposable
{
    private const int Batch = 256;
    private static readonly TimeSpan UntakenAnswersKept = TimeSpan.FromMinutes(10);

    private readonly ShardCommandQueue _queue;
    private readonly ShardOwnership _ownership;
    private readonly LocalShards _local;
    private readonly TimeSpan _sweepInterval;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    // Per shard with a running worker: whether it was woken again meanwhile (then it looks once more before ending).
    private readonly Dictionary<int, bool> _workers = [];
    private readonly List<Task> _running = [];
    private Task _sweeping = Task.CompletedTask;
    private bool _stopped;

    public ShardCommandExecutor(ShardCommandQueue queue, ShardOwnership ownership, LocalShards local, TimeSpan sweepInterval, ILogger log, TimeProvider time)
    {
        _queue = queue;
        _ownership = ownership;
        _local = local;
        _sweepInterval = sweepInterval;
        _log = log;
        _time = time;
    }

    /// <summary>Commands for <paramref name="shard"/> may be waiting: run them, unless its worker already does (it looks again).</summary>
    public void Wake(int shard)
    {
        lock (_gate)
        {
            if (_workers.ContainsKey(shard))
            {
                _workers[shard] = true;
                return;
            }
            _workers[shard] = false;
        }
        Run(() => WorkAsync(shard, _stopping.Token));
    }

    /// <summary>Commands for any shard may be waiting (the listener reconnected): sweep now.</summary>
    public void WakeAll() => Run(() => SweepOnceAsync(_stopping.Token));

    /// <summary>Runs <paramref name="work"/> in the background, awaited when the executor is disposed.</summary>
    private void Run(Func<Task> work)
    {
        lock (_gate)
        {
            if (_stopped) return;
            _running.RemoveAll(task => task.IsCompleted);
            _running.Add(Task.Run(work));
        }
    }

    public void Start() => _sweeping = SweepAsync(_stopping.Token);

    private async Task WorkAsync(int shard, CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                if (_ownership.EpochOf(shard) is not null) await DrainAsync(shard, stopping).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                _log.LogWarning(e, "Node {NodeId} could not run the commands routed to shard {Shard}; it tries again at the next sweep", _ownership.NodeId, shard);
            }
            lock (_gate)
            {
                if (!_workers[shard] || stopping.IsCancellationRequested)
                {
                    _workers.Remove(shard);
                    return;
                }
                _workers[shard] = false;
            }
        }
    }

    private async Task DrainAsync(int shard, CancellationToken stopping)
    {
        while (true)
        {
            var pending = await _queue.PendingAsync([shard], Batch, stopping).ConfigureAwait(false);
            foreach (var command in pending)
            {
                if (await RunAsync(command, stopping).ConfigureAwait(false) is not { } reply) return;
                await _queue.ReplyAsync(command.Id, RoutedCodec.EncodeReply(reply), stopping).ConfigureAwait(false);
            }
            if (pending.Count < Batch) return;
        }
    }

    /// <summary>The reply to <paramref name="command"/>, or <c>null</c> when it must wait for the shard's next owner (or the next sweep).</summary>
    private async Task<RoutedReply?> RunAsync(ShardCommand command, CancellationToken stopping)
    {
        object answer;
        try
        {
            if (RoutedCodec.DecodeStart(command.Kind, command.TransferId, command.Payload) is { } start)
                answer = await _local.StartAsync(start.Kind, start.Order, command.TransferId, stopping).ConfigureAwait(false);
            else if (TransferActions.TryParse(command.Kind, out var request))
                answer = await _local.AskAsync(command.TransferId, request, stopping).ConfigureAwait(false);
            else
                return new RoutedReply(Failure: $"The command '{command.Kind}' for transfer '{command.TransferId}' is unknown here; its sender runs another engine version.");
        }
        catch (InvalidDataException e)
        {
            return new RoutedReply(Failure: e.Message);
        }
        catch (AskTimeoutException)
        {
            _log.LogWarning("The {Kind} command for transfer {TransferId} got no answer from the supervisor in time; it runs again at the next sweep",
                command.Kind, command.TransferId);
            return null;
        }
        return answer switch
        {
            string id => new RoutedReply(StartedId: id),
            TransferStatus status => new RoutedReply(Status: status),
            ShardRefusal refusal when refusal == ShardRefusal.UnknownTransfer => new RoutedReply(UnknownTransfer: true),
            _ => null,
        };
    }

    private async Task SweepAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_sweepInterval, _time, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            await SweepOnceAsync(stopping).ConfigureAwait(false);
        }
    }

    /// <summary>Wakes the worker of every held shard with commands waiting, and purges answers nobody took.</summary>
    private async Task SweepOnceAsync(CancellationToken stopping)
    {
        try
        {
            var held = _ownership.Shards.Where(shard => _ownership.EpochOf(shard) is not null).ToArray();
            if (held.Length > 0)
            {
                foreach (var shard in (await _queue.PendingAsync(held, Batch, stopping).ConfigureAwait(false)).Select(c => c.Shard).Distinct())
                    Wake(shard);
            }
            await _queue.PurgeAnsweredAsync(_time.GetUtcNow() - UntakenAnswersKept, stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
        catch (Exception e)
        {
            _log.LogWarning(e, "Node {NodeId} could not look for commands routed to its shards; it looks again at the next sweep", _ownership.NodeId);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _stopped = true;
            running = [.. _running];
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _sweeping.ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false);
        _stopping.Dispose();
    }
}
