using System.Threading.Channels;
using Engine.Actors;
using Engine.Cluster.Coordination;
using Engine.Cluster.Routing;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Runs the commands other nodes routed to the shards this node owns: woken by a notification for a shard, after a
/// shard starts, and every sweep interval (the safety net for missed notifications, and for commands that waited
/// through a handover). It takes each shard's unanswered commands in order, runs them on the local supervisor and
/// stores the replies. A command its shard no longer runs here (handed off meanwhile) is left unanswered, with the
/// shard's later ones, for the next owner; answers nobody took are purged after a while.
/// </summary>
internal sealed class ShardCommandExecutor : IAsyncDisposable
{
    private const int AllShards = -1;
    private const int Batch = 256;
    private static readonly TimeSpan UntakenAnswersKept = TimeSpan.FromMinutes(10);

    private readonly ShardCommandQueue _queue;
    private readonly ShardOwnership _ownership;
    private readonly LocalShards _local;
    private readonly TimeSpan _sweepInterval;
    private readonly ILogger _log;
    private readonly TimeProvider _time;
    private readonly Channel<int> _wake = Channel.CreateUnbounded<int>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;

    public ShardCommandExecutor(ShardCommandQueue queue, ShardOwnership ownership, LocalShards local, TimeSpan sweepInterval, ILogger log, TimeProvider time)
    {
        _queue = queue;
        _ownership = ownership;
        _local = local;
        _sweepInterval = sweepInterval;
        _log = log;
        _time = time;
    }

    /// <summary>Commands for <paramref name="shard"/> may be waiting.</summary>
    public void Wake(int shard) => _wake.Writer.TryWrite(shard);

    /// <summary>Commands for any shard may be waiting.</summary>
    public void WakeAll() => _wake.Writer.TryWrite(AllShards);

    public void Start() => _running = Task.WhenAll(RunAsync(_stopping.Token), SweepAsync(_stopping.Token));

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stopping).ConfigureAwait(false))
            {
                var wanted = new HashSet<int>();
                while (_wake.Reader.TryRead(out var shard)) wanted.Add(shard);
                var shards = _ownership.Shards
                    .Where(s => (wanted.Contains(AllShards) || wanted.Contains(s)) && _ownership.EpochOf(s) is not null)
                    .ToArray();
                if (shards.Length == 0) continue;
                try
                {
                    await DrainAsync(shards, stopping).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    _log.LogWarning(e, "Node {NodeId} could not run the commands routed to its shards; it tries again at the next sweep", _ownership.NodeId);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DrainAsync(IReadOnlyCollection<int> shards, CancellationToken stopping)
    {
        var pending = await _queue.PendingAsync(shards, Batch, stopping).ConfigureAwait(false);
        // Shards run side by side, each shard's commands in order.
        await Task.WhenAll(pending.GroupBy(c => c.Shard).Select(commands => RunInOrderAsync(commands, stopping))).ConfigureAwait(false);
        if (pending.Count == Batch)
        {
            foreach (var shard in pending.Select(c => c.Shard).Distinct()) Wake(shard);
        }
    }

    private async Task RunInOrderAsync(IEnumerable<ShardCommand> commands, CancellationToken stopping)
    {
        foreach (var command in commands)
        {
            if (await RunAsync(command, stopping).ConfigureAwait(false) is not { } reply) return;
            await _queue.ReplyAsync(command.Id, RoutedCodec.EncodeReply(reply), stopping).ConfigureAwait(false);
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
            else if (TransferRequests.TryParse(command.Kind, out var request))
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
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_sweepInterval, _time, stopping).ConfigureAwait(false);
                WakeAll();
                await _queue.PurgeAnsweredAsync(_time.GetUtcNow() - UntakenAnswersKept, stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "Node {NodeId} could not purge old answers of routed commands; it tries again at the next sweep", _ownership.NodeId);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _wake.Writer.TryComplete();
        await _running.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
