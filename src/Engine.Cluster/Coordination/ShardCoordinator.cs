using Engine.Cluster.Leases;
using Engine.Cluster.Sharding;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Cluster.Coordination;

/// <summary>
/// One node's part of cluster sharding (docs/cluster.md). Every <see cref="ClusterOptions.RenewInterval"/> of its
/// <see cref="TimeProvider"/> it runs a round: renew the node lease (or, when it lapsed, drop every shard and rejoin
/// as a new incarnation), drop shards whose lease moved on, compute <see cref="ShardAllocation.Plan"/>, hand off
/// its surplus (stop actors, forget the epoch, release) and acquire what the plan gives it (acquire, hold the
/// epoch, start the shard). A heartbeat renews the lease on the same interval between rounds, so a long round
/// (many shards to start, a slow handoff) never costs the node its lease. <see cref="Ownership"/> is the journal's fence.
/// </summary>
public sealed class ShardCoordinator : IAsyncDisposable
{
    private readonly ShardLeaseStore _store;
    private readonly IShardHost _host;
    private readonly TimeSpan _leaseDuration;
    private readonly TimeSpan _renewInterval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _oneRoundAtATime = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _stoppingHeartbeat = new();
    // A class, so the heartbeat reads the incarnation the rounds set in one piece.
    private volatile Joined? _joined;
    private Task _loop = Task.CompletedTask;
    private Task _heartbeat = Task.CompletedTask;

    public ShardCoordinator(ShardLeaseStore store, IShardHost host, ClusterOptions options, TimeProvider time, ILogger<ShardCoordinator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _store = store;
        _host = host;
        _leaseDuration = options.LeaseDuration;
        _renewInterval = options.RenewInterval;
        _time = time;
        _logger = logger ?? NullLogger<ShardCoordinator>.Instance;
        Ownership = new ShardOwnership(options.EffectiveNodeId, store.ShardCount, store.LeaseTable, time);
    }

    /// <summary>The shards this node holds; give it to the journal as its fence.</summary>
    public ShardOwnership Ownership { get; }

    /// <summary>This node's current incarnation, or <c>null</c> before the first round and after leaving.</summary>
    public NodeLease? Node => _joined?.Lease;

    /// <summary>Starts the rounds (the first at once, then one every renew interval) and the heartbeat.</summary>
    /// <exception cref="InvalidOperationException">The rounds already run, or the coordinator was stopped.</exception>
    public void Start()
    {
        if (!_loop.IsCompleted || _stopping.IsCancellationRequested)
            throw new InvalidOperationException($"The coordinator of node '{Ownership.NodeId}' already runs or was stopped; create a new one to rejoin.");
        _loop = RunAsync(_stopping.Token);
        _heartbeat = HeartbeatAsync(_stoppingHeartbeat.Token);
    }

    /// <summary>
    /// Renews the node's lease every renew interval, independently of the rounds. A renewal that finds the lease gone is
    /// left to the next round, which drops the shards and joins again.
    /// </summary>
    private async Task HeartbeatAsync(CancellationToken stopping)
    {
        while (true)
        {
            try
            {
                await Task.Delay(_renewInterval, _time, stopping);
                if (_joined is not { } joined) continue;
                var started = _time.GetUtcNow();
                if (await _store.RenewAsync(joined.Lease, stopping) && _joined == joined)
                    Ownership.Renewed(started + _leaseDuration);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Node {NodeId} could not renew its lease; it tries again in {RenewInterval}", Ownership.NodeId, _renewInterval);
            }
        }
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogError(e, "Cluster round of node {NodeId} failed; it retries in {RenewInterval}", Ownership.NodeId, _renewInterval);
                await DropAllIfLapsedAsync(stopping);
            }
            try
            {
                await Task.Delay(_renewInterval, _time, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs one round now (the loop calls it; tests call it directly to step through time).</summary>
    public async Task RoundAsync(CancellationToken cancellationToken = default)
    {
        await _oneRoundAtATime.WaitAsync(cancellationToken);
        try
        {
            var node = await RenewOrRejoinAsync(cancellationToken);
            var view = await _store.ReadAsync(cancellationToken);
            await DropLostAsync(view, node, cancellationToken);
            var plan = ShardAllocation.Plan(view.LiveNodes.Select(n => n.NodeId).ToArray(), view.ValidOwners);
            foreach (var shard in plan.ReleasesBy(node.NodeId))
                await HandOffAsync(shard, node, cancellationToken);
            foreach (var shard in plan.AcquisitionsBy(node.NodeId))
                await TakeAsync(shard, node, cancellationToken);
        }
        finally
        {
            _oneRoundAtATime.Release();
        }
    }

    /// <summary>Acquires and starts <paramref name="shard"/>; a shard the host cannot start is released again, so it does not sit idle under a lease.</summary>
    private async Task TakeAsync(int shard, NodeLease node, CancellationToken cancellationToken)
    {
        if (await _store.TryAcquireAsync(shard, node, cancellationToken) is not { } epoch)
            return;
        Ownership.Hold(shard, epoch);
        try
        {
            await _host.StartShardAsync(shard, epoch, cancellationToken);
        }
        catch
        {
            Ownership.Forget(shard);
            await _store.ReleaseAsync(shard, node, epoch, CancellationToken.None);
            throw;
        }
    }

    private async Task<NodeLease> RenewOrRejoinAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetUtcNow();
        if (_joined is { } current && await _store.RenewAsync(current.Lease, cancellationToken))
        {
            Ownership.Renewed(started + _leaseDuration);
            return current.Lease;
        }
        if (_joined is not null)
        {
            _logger.LogWarning("Node {NodeId} found its lease expired or replaced; it drops its {Count} shard(s) and joins again",
                Ownership.NodeId, Ownership.Shards.Count);
            await DropAsync(Ownership.Shards, cancellationToken);
        }
        var joined = await _store.JoinAsync(Ownership.NodeId, cancellationToken);
        _joined = new Joined(joined);
        Ownership.Renewed(started + _leaseDuration);
        return joined;
    }

    private async Task DropLostAsync(ClusterView view, NodeLease node, CancellationToken cancellationToken)
    {
        var lost = Ownership.Shards
            .Where(shard => !Ownership.TryHeldEpoch(shard, out var epoch) || view.Shards[shard].Owner != node || view.Shards[shard].Epoch != epoch)
            .ToArray();
        if (lost.Length == 0)
            return;
        _logger.LogWarning("Node {NodeId} lost shard(s) {Shards} to another node; it stops their actors", Ownership.NodeId, string.Join(", ", lost));
        await DropAsync(lost, cancellationToken);
    }

    /// <summary>The leases are gone: forget them first (so the journal refuses at once), then stop the actors.</summary>
    private async Task DropAsync(IReadOnlyList<int> shards, CancellationToken cancellationToken)
    {
        foreach (var shard in shards)
        {
            Ownership.Forget(shard);
            await _host.StopShardAsync(shard, ShardStopReason.Lost, cancellationToken);
        }
    }

    private async Task DropAllIfLapsedAsync(CancellationToken cancellationToken)
    {
        if (Ownership.IsValid || Ownership.Shards.Count == 0)
            return;
        _logger.LogWarning("Node {NodeId} could not renew its lease before {ValidUntil}; it drops its {Count} shard(s)",
            Ownership.NodeId, Ownership.ValidUntil, Ownership.Shards.Count);
        await DropAsync(Ownership.Shards, cancellationToken);
    }

    /// <summary>A clean handoff: stop the actors while still holding the lease (their last writes commit), then release it.</summary>
    private async Task HandOffAsync(int shard, NodeLease node, CancellationToken cancellationToken)
    {
        if (!Ownership.TryHeldEpoch(shard, out var epoch))
            return;
        await _host.StopShardAsync(shard, ShardStopReason.Handoff, cancellationToken);
        Ownership.Forget(shard);
        if (!await _store.ReleaseAsync(shard, node, epoch, cancellationToken))
            _logger.LogWarning("Node {NodeId} handed shard {Shard} off, but its lease (epoch {Epoch}) had already moved on", node.NodeId, shard, epoch);
    }

    /// <summary>
    /// Leaves the cluster gracefully: stops the rounds, hands every shard off (the heartbeat keeps the lease meanwhile)
    /// and removes the node's row, so the others take the shards at their next round instead of after the lease.
    /// </summary>
    public async Task LeaveAsync(CancellationToken cancellationToken = default)
    {
        await _stopping.CancelAsync();
        await _loop;
        await _oneRoundAtATime.WaitAsync(cancellationToken);
        try
        {
            if (_joined is not { } joined)
                return;
            foreach (var shard in Ownership.Shards)
                await HandOffAsync(shard, joined.Lease, cancellationToken);
            await _store.LeaveAsync(joined.Lease, cancellationToken);
            _joined = null;
            Ownership.Renewed(DateTimeOffset.UnixEpoch);
        }
        finally
        {
            _oneRoundAtATime.Release();
            await StopHeartbeatAsync();
        }
    }

    private async Task StopHeartbeatAsync()
    {
        await _stoppingHeartbeat.CancelAsync();
        await _heartbeat;
    }

    /// <summary>Stops the rounds and the heartbeat without handing off (as a crash would): the shards move after the lease expires. Prefer <see cref="LeaveAsync"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _loop;
        await StopHeartbeatAsync();
        _stopping.Dispose();
        _stoppingHeartbeat.Dispose();
        _oneRoundAtATime.Dispose();
    }

    /// <summary>The incarnation this node joined as.</summary>
    private sealed record Joined(NodeLease Lease);
}
