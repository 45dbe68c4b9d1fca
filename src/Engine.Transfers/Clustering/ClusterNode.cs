using Engine.Actors;
using Engine.Actors.Persistence;
using Engine.Cluster;
using Engine.Cluster.Coordination;
using Engine.Cluster.Leases;
using Engine.Cluster.Routing;
using Engine.Persistence.Sql.Fencing;
using Engine.Persistence.Sql.Options;
using Engine.Transfers.Configuration;
using Engine.Transfers.Composition;
using Engine.Transfers.Persistence;
using Engine.Transfers.Supervision;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Engine.Transfers.Clustering;

/// <summary>
/// A <see cref="TransferEngine"/> as one node of a cluster (docs/cluster.md): its <see cref="ShardCoordinator"/> holds
/// the shard leases (and fences the journal with them) and starts and stops shards on the supervisor; its listener
/// and executor run the commands other nodes route to its shards; and the engine's calls about a transfer go to the
/// local supervisor when the transfer's shard runs here, else through the command queue to its owner.
/// </summary>
public sealed class ClusterNode
{
    private readonly ClusterOptions _options;
    private readonly TransferEngineOptions _engine;
    private readonly ShardLeaseStore _store;
    private readonly ShardCommandQueue _queue;
    private readonly ShardCoordinator _coordinator;
    private readonly ReplyWaiters _replies = new();
    private readonly TransferRouter _router;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly ILogger _log;
    private Running? _running;

    private ClusterNode(TransferEngineOptions engine, ShardLeaseStore store, ShardCommandQueue queue, TimeProvider time, ILoggerFactory loggers)
    {
        _engine = engine;
        _options = engine.Cluster;
        _store = store;
        _queue = queue;
        _time = time;
        _loggers = loggers;
        _log = loggers.CreateLogger<ClusterNode>();
        _coordinator = new ShardCoordinator(store, new Host(this), _options, time, loggers.CreateLogger<ShardCoordinator>());
        _router = new TransferRouter(queue, _replies, _options.EffectiveNodeId, _options.ShardCount, _options.CommandTimeout, time);
    }

    /// <summary>This node's id in the cluster.</summary>
    public string NodeId => _options.EffectiveNodeId;

    /// <summary>The shards this node holds now, lowest first.</summary>
    public IReadOnlyList<int> Shards => _coordinator.Ownership.Shards;

    /// <summary>
    /// Raised on the coordinator's round whenever a shard starts or stops on this node. Handlers must be quick and must
    /// not throw (an exception is logged as an error).
    /// </summary>
    public event Action<ShardChange>? ShardChanged;

    /// <summary>The journal's fence: the shard leases this node holds.</summary>
    internal IJournalFence Fence => _coordinator.Ownership;

    /// <summary>
    /// The journal's settings on this node: its PostgreSQL sessions end any transaction left idle longer than the lease
    /// (<c>idle_in_transaction_session_timeout</c>). A node frozen inside a group commit holds the lease rows of the
    /// batch's shards <c>FOR SHARE</c>; without the limit, the takeover of those shards would wait until it woke up.
    /// The frozen batch is rolled back, and the node's writes fail once it runs again.
    /// </summary>
    internal SqlPersistenceOptions JournalOptions(EnginePersistenceOptions persistence)
    {
        var journal = persistence.ToSqlOptions();
        var session = new NpgsqlConnectionStringBuilder(journal.Postgresql.ConnectionString);
        session.Options = $"{session.Options} -c idle_in_transaction_session_timeout={(long)_options.LeaseDuration.TotalMilliseconds}".Trim();
        journal.Postgresql = new PostgresqlOptions
        {
            ConnectionString = session.ConnectionString,
            Schema = journal.Postgresql.Schema,
            Writers = journal.Postgresql.Writers,
        };
        return journal;
    }

    /// <summary>Connects to the cluster's tables (creating them when missing); nothing runs until <see cref="StartAsync"/>.</summary>
    internal static async Task<ClusterNode> OpenAsync(TransferEngineOptions options, TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var store = await ShardLeaseStore.OpenAsync(options.Cluster, time, cancellationToken).ConfigureAwait(false);
        try
        {
            var queue = await ShardCommandQueue.OpenAsync(options.Cluster, time, cancellationToken).ConfigureAwait(false);
            return new ClusterNode(options, store, queue, time, loggers);
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Puts <paramref name="supervisor"/> in cluster mode, listens for routed commands and starts the coordinator's
    /// rounds: the first acquires this node's share of the shards and starts them.
    /// </summary>
    internal async Task StartAsync(IActorRef<SupervisorCommand> supervisor, IJournal journal, ISnapshotStore snapshots, CancellationToken cancellationToken)
    {
        var ownership = _coordinator.Ownership;
        supervisor.Tell(new JoinCluster(_options.ShardCount, shard => ownership.EpochOf(shard) is not null));
        var local = new LocalShards(supervisor, _options.ShardCount, _engine.Actors.AskTimeout);
        var log = _loggers.CreateLogger<ShardCommandExecutor>();
        var executor = new ShardCommandExecutor(_queue, ownership, local, _options.RenewInterval, log, _time);
        var listener = new ClusterListener(_queue, _replies, executor.Wake, executor.WakeAll, log, _time);
        _running = new Running(supervisor, journal, snapshots, local, executor, listener);
        await listener.StartAsync(cancellationToken).ConfigureAwait(false);
        executor.Start();
        _coordinator.Start();
        _log.LogInformation("Node {NodeId} joins the cluster ({Shards} shards, lease {Lease}, renewed every {Renew})",
            NodeId, _options.ShardCount, _options.LeaseDuration, _options.RenewInterval);
    }

    /// <summary>Names this node in the User-Agent of its requests, so a server's logs tell which node drove a transfer.</summary>
    internal void Identify(HttpClient http) =>
        http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", $"Engine (node {new string(NodeId.Where(c => c is not '(' and not ')').ToArray())})");

    /// <summary>
    /// Starts a transfer: its id is drawn until it hashes to a shard this node runs, so it starts here; a node that
    /// runs no shard (or loses it meanwhile) routes the start to the owner of the id's shard.
    /// </summary>
    internal async Task<string> StartTransferAsync(TransferKind kind, object order, CancellationToken cancellationToken)
    {
        var running = Started();
        var id = NewLocalId(TransferKinds.IdPrefixOf(kind));
        if (_coordinator.Ownership.Owns(id) && await running.Local.StartAsync(kind, order, id, cancellationToken).ConfigureAwait(false) is string started)
            return started;
        return await _router.StartAsync(kind, order, id, cancellationToken).ConfigureAwait(false);
    }

    private string NewLocalId(string prefix)
    {
        var ownership = _coordinator.Ownership;
        if (ownership.IsValid && ownership.Shards.Count > 0)
        {
            // Ids are random: with k of N shards held, one in N/k hashes here.
            for (var attempt = 0; attempt < 20 * _options.ShardCount; attempt++)
            {
                var id = TransferIds.New(prefix, _time);
                if (ownership.Owns(id)) return id;
            }
        }
        return TransferIds.New(prefix, _time);
    }

    /// <summary>Asks <paramref name="request"/> about any transfer of the cluster: here when its shard runs here, else of its owner.</summary>
    /// <exception cref="UnknownTransferException">The owner holds no such transfer.</exception>
    /// <exception cref="RoutedCommandTimeoutException">The shard had no owner that answered within the command timeout.</exception>
    internal async Task<TransferStatus> AskAsync(string transferId, TransferAction request, CancellationToken cancellationToken)
    {
        var running = Started();
        if (_coordinator.Ownership.Owns(transferId))
        {
            var answer = await running.Local.AskAsync(transferId, request, cancellationToken).ConfigureAwait(false);
            if (answer is TransferStatus status) return status;
            if (ShardRefusal.UnknownTransfer.Equals(answer)) throw new UnknownTransferException(transferId);
        }
        return await _router.AskAsync(transferId, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Completes with the final status of any transfer of the cluster: woken by this node's feed when the transfer
    /// runs here, and asking its owner every renew interval otherwise (through failovers and handoffs).
    /// </summary>
    internal async Task<TransferStatus> WaitForCompletionAsync(string transferId, TransferStatusFeed feed, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                var status = await AskAsync(transferId, TransferAction.Status, cancellationToken).ConfigureAwait(false);
                if (status.Phase.IsFinished()) return status;
            }
            catch (RoutedCommandTimeoutException e)
            {
                _log.LogInformation("Waiting for transfer {TransferId}: shard {Shard} has no owner that answers yet; asking again", transferId, e.Shard);
            }
            await Task.WhenAny(feed.WhenFinished(transferId), Task.Delay(_options.RenewInterval, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    private async Task StartShardAsync(int shard, long epoch, CancellationToken cancellationToken)
    {
        var running = Started();
        var transfers = await TransferJournalReader.ReadAllAsync(running.Journal, running.Snapshots, TransferKinds.JournalViews,
            _engine.Persistence.Recovery.MaxConcurrent, cancellationToken, id => running.Local.ShardOf(id) == shard).ConfigureAwait(false);
        var done = await running.Supervisor.Ask<SupervisorCommand, ShardDone>(reply => new StartShard(shard, transfers, reply),
            _engine.Actors.AskTimeout, cancellationToken).ConfigureAwait(false);
        Announce(new ShardChange(shard, ShardChangeKind.Started, epoch, done.Transfers));
        running.Executor.Wake(shard);
    }

    private async Task StopShardAsync(int shard, ShardStopReason reason, CancellationToken cancellationToken)
    {
        var handoff = reason == ShardStopReason.Handoff;
        var done = await Started().Supervisor.Ask<SupervisorCommand, ShardDone>(reply => new StopShard(shard, handoff, reply),
            _engine.Actors.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        Announce(new ShardChange(shard, handoff ? ShardChangeKind.HandedOff : ShardChangeKind.Lost, null, done.Transfers));
    }

    private void Announce(ShardChange change)
    {
        try
        {
            ShardChanged?.Invoke(change);
        }
        catch (Exception e)
        {
            _log.LogError(e, "A ShardChanged handler of node {NodeId} threw on {Change}", NodeId, change);
        }
    }

    /// <summary>
    /// Leaves the cluster gracefully: hands every shard off (its actors stop after their journal writes, then the lease
    /// is released), removes the node's row so the others take the shards at once, and stops running routed commands.
    /// When the database cannot be reached, the shards move once the lease expires instead.
    /// </summary>
    internal async Task LeaveAsync()
    {
        try
        {
            await _coordinator.LeaveAsync().ConfigureAwait(false);
            _log.LogInformation("Node {NodeId} left the cluster; its shards were handed off", NodeId);
        }
        catch (Exception e)
        {
            _log.LogError(e, "Node {NodeId} could not leave the cluster gracefully; the other nodes take its shards once its lease expires", NodeId);
        }
        if (Interlocked.Exchange(ref _running, null) is { } running) await running.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Stops everything the node runs and closes its connections (the engine does, after <see cref="LeaveAsync"/> or a failed start).</summary>
    internal async ValueTask DisposeAsync()
    {
        await _coordinator.DisposeAsync().ConfigureAwait(false);
        if (Interlocked.Exchange(ref _running, null) is { } running) await running.DisposeAsync().ConfigureAwait(false);
        await _queue.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
    }

    private Running Started() =>
        _running ?? throw new InvalidOperationException($"Cluster node '{NodeId}' is not running: it runs from the engine's start until it leaves.");

    /// <summary>The coordinator's hands on this node: a started shard's transfers are read from the journal and taken on by the supervisor.</summary>
    private sealed class Host(ClusterNode node) : IShardHost
    {
        public Task StartShardAsync(int shard, long epoch, CancellationToken cancellationToken) => node.StartShardAsync(shard, epoch, cancellationToken);

        public Task StopShardAsync(int shard, ShardStopReason reason, CancellationToken cancellationToken) => node.StopShardAsync(shard, reason, cancellationToken);
    }

    /// <summary>What exists once the node runs: the engine's supervisor and journal, and the parts serving routed commands.</summary>
    private sealed record Running(IActorRef<SupervisorCommand> Supervisor, IJournal Journal, ISnapshotStore Snapshots, LocalShards Local,
        ShardCommandExecutor Executor, ClusterListener Listener) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Listener.DisposeAsync().ConfigureAwait(false);
            await Executor.DisposeAsync().ConfigureAwait(false);
        }
    }
}
