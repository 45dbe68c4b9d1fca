using Engine.Cluster.Storage;
using Npgsql;

namespace Engine.Cluster.Routing;

/// <summary>
/// Routes commands to the owner of a transfer's shard through <c>cluster_commands</c> (docs/cluster.md): a node
/// that does not own the shard queues the command and <c>NOTIFY</c>s in the same transaction; the owner takes the
/// shard's pending commands in order, executes them and writes the reply, which <c>NOTIFY</c>s the sender. A command
/// for a shard in handover simply waits for the next owner, up to a bound per shard.
/// </summary>
public sealed class ShardCommandQueue : IAsyncDisposable
{
    /// <summary>The channel announcing a queued command; the payload is its shard.</summary>
    public const string CommandChannel = "engine_cluster_commands";

    /// <summary>The channel announcing a reply; the payload is the command's id.</summary>
    public const string ReplyChannel = "engine_cluster_replies";

    // The first key of the per-shard advisory lock that makes the backlog bound exact under concurrent senders.
    private const int SendLockSpace = 0x456E67;

    private readonly ClusterDatabase _database;
    private readonly TimeProvider _time;
    private readonly int _maxPendingPerShard;
    private readonly string _commands;

    private ShardCommandQueue(ClusterDatabase database, TimeProvider time, int maxPendingPerShard)
    {
        _database = database;
        _time = time;
        _maxPendingPerShard = maxPendingPerShard;
        _commands = database.Table("cluster_commands");
    }

    /// <summary>Connects and creates <c>cluster_commands</c> when missing.</summary>
    /// <param name="options">The cluster settings (connection, schema, <see cref="ClusterOptions.MaxPendingCommands"/>).</param>
    /// <param name="time">The clock stamping commands and replies.</param>
    /// <param name="cancellationToken">Cancels opening.</param>
    public static async Task<ShardCommandQueue> OpenAsync(ClusterOptions options, TimeProvider time, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        options.Validate();
        var queue = new ShardCommandQueue(new ClusterDatabase(options), time, options.MaxPendingCommands);
        try
        {
            await queue._database.CreateTablesAsync("Creating the cluster command table", (connection, transaction) =>
                ClusterDatabase.ExecuteAsync(connection, transaction,
                    $"CREATE TABLE IF NOT EXISTS {queue._commands} (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, shard_id INTEGER NOT NULL, " +
                    "transfer_id TEXT NOT NULL, kind TEXT NOT NULL, payload TEXT NOT NULL, from_node TEXT NOT NULL, created BIGINT NOT NULL, " +
                    "reply TEXT NULL, replied_at BIGINT NULL); " +
                    $"CREATE INDEX IF NOT EXISTS cluster_commands_pending ON {queue._commands} (shard_id, id) WHERE replied_at IS NULL",
                    cancellationToken), cancellationToken);
            return queue;
        }
        catch
        {
            await queue.DisposeAsync();
            throw;
        }
    }

    /// <summary>Queues a command for the owner of <paramref name="shard"/> and notifies the nodes, in one transaction.</summary>
    /// <returns>The command's id, the key of its reply.</returns>
    /// <exception cref="ShardCommandBacklogException">The shard already has the maximum of commands waiting.</exception>
    public Task<long> SendAsync(int shard, string transferId, string kind, string payload, string fromNode, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Queuing the {kind} command of transfer '{transferId}' for shard {shard}", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ClusterDatabase.ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SendLockSpace}, {shard})", cancellationToken);
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {_commands} (shard_id, transfer_id, kind, payload, from_node, created) " +
                "SELECT @shard, @transfer, @kind, @payload, @from, @now " +
                $"WHERE (SELECT COUNT(*) FROM {_commands} WHERE shard_id = @shard AND replied_at IS NULL) < @max RETURNING id",
                connection, transaction);
            command.Parameters.AddWithValue("shard", shard);
            command.Parameters.AddWithValue("transfer", transferId);
            command.Parameters.AddWithValue("kind", kind);
            command.Parameters.AddWithValue("payload", payload);
            command.Parameters.AddWithValue("from", fromNode);
            command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("max", (long)_maxPendingPerShard);
            if (await command.ExecuteScalarAsync(cancellationToken) is not long id)
                throw new ShardCommandBacklogException(transferId, shard, _maxPendingPerShard);
            await NotifyAsync(connection, transaction, CommandChannel, shard.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return id;
        }, cancellationToken);

    /// <summary>The unanswered commands of <paramref name="shards"/>, oldest first (at most <paramref name="max"/>).</summary>
    public Task<IReadOnlyList<ShardCommand>> PendingAsync(IReadOnlyCollection<int> shards, int max, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<ShardCommand>>($"Reading the pending commands of {shards.Count} shard(s)", async connection =>
        {
            await using var command = new NpgsqlCommand(
                $"SELECT id, shard_id, transfer_id, kind, payload, from_node, created FROM {_commands} " +
                "WHERE shard_id = ANY(@shards) AND replied_at IS NULL ORDER BY id LIMIT @max", connection);
            command.Parameters.AddWithValue("shards", shards.ToArray());
            command.Parameters.AddWithValue("max", (long)max);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var pending = new List<ShardCommand>();
            while (await reader.ReadAsync(cancellationToken))
                pending.Add(new ShardCommand(reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    reader.GetString(4), reader.GetString(5), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6))));
            return pending;
        }, cancellationToken);

    /// <summary>Records the reply of command <paramref name="id"/> and notifies its sender. False when it was already answered.</summary>
    public Task<bool> ReplyAsync(long id, string reply, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Replying to command {id}", async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $"UPDATE {_commands} SET reply = @reply, replied_at = @now WHERE id = @id AND replied_at IS NULL", connection, transaction);
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("reply", reply);
            command.Parameters.AddWithValue("now", _time.GetUtcNow().ToUnixTimeMilliseconds());
            if (await command.ExecuteNonQueryAsync(cancellationToken) == 0)
                return false;
            await NotifyAsync(connection, transaction, ReplyChannel, id.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The reply of command <paramref name="id"/>, removing the answered command from the table (its sender is the
    /// only reader); <c>null</c> while it is unanswered, and the command then stays queued.
    /// </summary>
    public Task<string?> TakeReplyAsync(long id, CancellationToken cancellationToken = default) =>
        _database.RunAsync($"Taking the reply of command {id}", async connection =>
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {_commands} WHERE id = @id AND replied_at IS NOT NULL RETURNING reply", connection);
            command.Parameters.AddWithValue("id", id);
            return await command.ExecuteScalarAsync(cancellationToken) as string;
        }, cancellationToken);

    /// <summary>
    /// Deletes the answers nobody took: commands answered before <paramref name="before"/> whose sender gave up
    /// waiting (or died). Unanswered commands are never deleted.
    /// </summary>
    /// <returns>How many were deleted.</returns>
    public Task<int> PurgeAnsweredAsync(DateTimeOffset before, CancellationToken cancellationToken = default) =>
        _database.RunAsync("Purging answered commands", async connection =>
        {
            await using var command = new NpgsqlCommand($"DELETE FROM {_commands} WHERE replied_at < @before", connection);
            command.Parameters.AddWithValue("before", before.ToUnixTimeMilliseconds());
            return await command.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);

    /// <summary>Opens a connection listening to both channels.</summary>
    public async Task<ClusterNotifications> ListenAsync(CancellationToken cancellationToken = default)
    {
        var connection = await _database.OpenAsync("Listening to the cluster command channels", cancellationToken);
        try
        {
            await ClusterDatabase.ExecuteAsync(connection, null, $"LISTEN {CommandChannel}; LISTEN {ReplyChannel}", cancellationToken);
            return new ClusterNotifications(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task NotifyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string channel, string payload, CancellationToken cancellationToken)
    {
        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection, transaction);
        notify.Parameters.AddWithValue("channel", channel);
        notify.Parameters.AddWithValue("payload", payload);
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
