using Engine.Cluster.Storage;
using Npgsql;

namespace Engine.Cluster.Leases;

/// <summary>
/// Node membership and shard leases as rows in PostgreSQL, each change one atomic statement (docs/cluster.md):
/// <c>cluster_nodes</c> (node id, incarnation, lease expiry) and <c>shard_leases</c> (shard id, owner incarnation,
/// fencing epoch). A shard lease is valid while its owner's node lease is, so one renewal renews every shard of a
/// node without touching the shard rows the journal locks. Times are this node's <see cref="TimeProvider"/> clock.
/// </summary>
public sealed class ShardLeaseStore : IAsyncDisposable
{
    private readonly ClusterDatabase _database;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leaseDuration;
    private readonly string _nodes;

    private ShardLeaseStore(ClusterDatabase database, ClusterOptions options, TimeProvider time)
    {
        _database = database;
        _time = time;
        _leaseDuration = options.LeaseDuration;
        ShardCount = options.ShardCount;
        _nodes = database.Table("cluster_nodes");
        LeaseTable = database.Table("shard_leases");
    }

    /// <summary>The quoted, schema-qualified shard lease table (what the journal's fence locks).</summary>
    public string LeaseTable { get; }

    public int ShardCount { get; }

    /// <summary>
    /// Connects, creates the cluster tables and the <see cref="ClusterOptions.ShardCount"/> shard rows when missing
    /// (safe when several nodes start at once), and checks that the database was set up with the same shard count.
    /// </summary>
    /// <exception cref="InvalidClusterOptionsException">A setting is invalid.</exception>
    /// <exception cref="ClusterStoreException">The database cannot be reached, or holds another shard count.</exception>
    public static async Task<ShardLeaseStore> OpenAsync(ClusterOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        // An acquire waits for journal batches holding the shard's row; one left open by a frozen node must not stall
        // the round (and with it this node's renewals) for long: give up after a renew interval and retry next round.
        var store = new ShardLeaseStore(new ClusterDatabase(options, lockTimeout: options.RenewInterval), options, time);
        try
        {
            await store.CreateTablesAsync(cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    private Task CreateTablesAsync(CancellationToken cancellationToken) =>
        _database.CreateTablesAsync("Creating the cluster tables", async (connection, transaction) =>
        {
            await ClusterDatabase.ExecuteAsync(connection, transaction,
                $"CREATE TABLE IF NOT EXISTS {_nodes} (node_id TEXT PRIMARY KEY, incarnation BIGINT NOT NULL, expires_at BIGINT NOT NULL, joined_at BIGINT NOT NULL)",
                cancellationToken);
            await ClusterDatabase.ExecuteAsync(connection, transaction,
                $"CREATE TABLE IF NOT EXISTS {LeaseTable} (shard_id INTEGER PRIMARY KEY, owner_node TEXT NULL, owner_incarnation BIGINT NULL, " +
                "epoch BIGINT NOT NULL DEFAULT 0, acquired_at BIGINT NULL)", cancellationToken);
            await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {LeaseTable}", connection, transaction))
            {
                var existing = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
                if (existing != 0 && existing != ShardCount)
                    throw new ClusterStoreException(
                        $"The cluster at {_database.Name} has {existing} shards, but engine.cluster.shard-count is {ShardCount}. Every node must use the " +
                        "shard count the cluster was created with (it decides where each transfer lives): set it to " + existing + ".");
            }
            await ClusterDatabase.ExecuteAsync(connection, transaction,
                $"INSERT INTO {LeaseTable} (shard_id) SELECT generate_series(0, {ShardCount - 1}) ON CONFLICT (shard_id) DO NOTHING", cancellationToken);
        }, cancellationToken);

    /// <summary>Joins as a new incarnation of <paramref name="nodeId"/> (a restarted node's old leases die at once).</summary>
    public Task<NodeLease> JoinAsync(string nodeId, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Joining the cluster as node '{nodeId}'", async connection =>
        {
            var now = Now();
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {_nodes} AS n (node_id, incarnation, expires_at, joined_at) VALUES (@node, 1, @expires, @now) " +
                "ON CONFLICT (node_id) DO UPDATE SET incarnation = n.incarnation + 1, expires_at = excluded.expires_at, joined_at = excluded.joined_at " +
                "RETURNING incarnation", connection);
            command.Parameters.AddWithValue("node", nodeId);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("expires", now + (long)_leaseDuration.TotalMilliseconds);
            return new NodeLease(nodeId, (long)(await command.ExecuteScalarAsync(cancellationToken))!);
        }, cancellationToken);

    /// <summary>
    /// Extends the node's lease by the lease duration from now. False when it had already expired or another
    /// incarnation replaced it: an expired lease is never renewed, the node has lost every shard and must rejoin.
    /// </summary>
    public Task<bool> RenewAsync(NodeLease node, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Renewing the lease of node '{node.NodeId}'", async connection =>
        {
            var now = Now();
            await using var command = new NpgsqlCommand(
                $"UPDATE {_nodes} SET expires_at = @expires WHERE node_id = @node AND incarnation = @incarnation AND expires_at > @now", connection);
            AddNode(command, node);
            command.Parameters.AddWithValue("now", now);
            command.Parameters.AddWithValue("expires", now + (long)_leaseDuration.TotalMilliseconds);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    /// <summary>Reads every node and shard lease at once (one snapshot) and judges their validity at the current time.</summary>
    public Task<ClusterView> ReadAsync(CancellationToken cancellationToken = default) =>
        _database.RunAsync("Reading the cluster's nodes and shard leases", async connection =>
        {
            var readAt = _time.GetUtcNow();
            var now = readAt.ToUnixTimeMilliseconds();
            await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
            var live = new List<NodeLease>();
            await using (var nodes = new NpgsqlCommand($"SELECT node_id, incarnation, expires_at FROM {_nodes} ORDER BY node_id", connection, transaction))
            await using (var reader = await nodes.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (reader.GetInt64(2) > now)
                        live.Add(new NodeLease(reader.GetString(0), reader.GetInt64(1)));
                }
            }
            var shards = new List<ShardLease>(ShardCount);
            await using (var leases = new NpgsqlCommand(
                $"SELECT shard_id, owner_node, owner_incarnation, epoch FROM {LeaseTable} ORDER BY shard_id", connection, transaction))
            await using (var reader = await leases.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    NodeLease? owner = reader.IsDBNull(1) ? null : new NodeLease(reader.GetString(1), reader.GetInt64(2));
                    shards.Add(new ShardLease(reader.GetInt32(0), owner, reader.GetInt64(3), owner is { } o && live.Contains(o)));
                }
            }
            await transaction.CommitAsync(cancellationToken);
            return new ClusterView(live, shards, readAt);
        }, cancellationToken);

    /// <summary>
    /// Takes <paramref name="shard"/> when it is free (never owned, released, or its owner's lease expired or was
    /// replaced) and <paramref name="node"/>'s own lease is valid, raising its epoch; one statement, so of several
    /// nodes racing for a shard exactly one wins. Waits for journal batches in flight on the shard (their row lock).
    /// </summary>
    /// <returns>The new epoch, or <c>null</c> when the shard was not free (or the node's lease is not valid).</returns>
    public Task<long?> TryAcquireAsync(int shard, NodeLease node, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Acquiring shard {shard} for node '{node.NodeId}'", async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"UPDATE {LeaseTable} AS l SET owner_node = @node, owner_incarnation = @incarnation, epoch = l.epoch + 1, acquired_at = @now " +
                "WHERE l.shard_id = @shard " +
                $"AND EXISTS (SELECT 1 FROM {_nodes} me WHERE me.node_id = @node AND me.incarnation = @incarnation AND me.expires_at > @now) " +
                $"AND (l.owner_node IS NULL OR NOT EXISTS (SELECT 1 FROM {_nodes} o " +
                "WHERE o.node_id = l.owner_node AND o.incarnation = l.owner_incarnation AND o.expires_at > @now)) " +
                "RETURNING l.epoch", connection);
            AddNode(command, node);
            command.Parameters.AddWithValue("shard", shard);
            command.Parameters.AddWithValue("now", Now());
            return (long?)await command.ExecuteScalarAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Gives up <paramref name="shard"/> held under <paramref name="epoch"/> (after its actors stopped). False when it was no longer held so.</summary>
    public Task<bool> ReleaseAsync(int shard, NodeLease node, long epoch, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Releasing shard {shard} of node '{node.NodeId}'", async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"UPDATE {LeaseTable} SET owner_node = NULL, owner_incarnation = NULL " +
                "WHERE shard_id = @shard AND owner_node = @node AND owner_incarnation = @incarnation AND epoch = @epoch", connection);
            AddNode(command, node);
            command.Parameters.AddWithValue("shard", shard);
            command.Parameters.AddWithValue("epoch", epoch);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    /// <summary>Removes the node's row (after it released its shards), so the others stop counting it at once.</summary>
    public Task LeaveAsync(NodeLease node, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Removing node '{node.NodeId}' from the cluster", async connection =>
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {_nodes} WHERE node_id = @node AND incarnation = @incarnation", connection);
            AddNode(command, node);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    private long Now() => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private static void AddNode(NpgsqlCommand command, NodeLease node)
    {
        command.Parameters.AddWithValue("node", node.NodeId);
        command.Parameters.AddWithValue("incarnation", node.Incarnation);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
