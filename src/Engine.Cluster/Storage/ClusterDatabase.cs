using Npgsql;

namespace Engine.Cluster.Storage;

/// <summary>
/// The connections of one node to the cluster's PostgreSQL schema, and the one place that turns database errors
/// into a <see cref="ClusterStoreException"/> saying what was attempted, where, and what to do.
/// </summary>
internal sealed class ClusterDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    /// <param name="options">The cluster's connection string and schema.</param>
    /// <param name="lockTimeout">
    /// How long a statement may wait for a row lock before it fails (<c>lock_timeout</c>); <c>null</c>: as long as it takes.
    /// </param>
    public ClusterDatabase(ClusterOptions options, TimeSpan? lockTimeout = null)
    {
        var connection = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (lockTimeout is { } limit)
            connection.Options = $"{connection.Options} -c lock_timeout={(long)limit.TotalMilliseconds}".Trim();
        _dataSource = NpgsqlDataSource.Create(connection.ConnectionString);
        Schema = options.Schema;
        Name = $"PostgreSQL {connection.Host}:{connection.Port}/{connection.Database ?? connection.Username} (schema {options.Schema})";
    }

    /// <summary>The server, database and schema as people know them; never a password.</summary>
    public string Name { get; }

    public string Schema { get; }

    /// <summary>The quoted, schema-qualified name of <paramref name="table"/>.</summary>
    public string Table(string table) => $"\"{Schema}\".{table}";

    /// <summary>Opens a connection that the caller owns (a listener keeps one open).</summary>
    public Task<NpgsqlConnection> OpenAsync(string what, CancellationToken cancellationToken) =>
        RunOnAsync(what, async () => await _dataSource.OpenConnectionAsync(cancellationToken));

    /// <summary>Runs <paramref name="operation"/> on a pooled connection.</summary>
    public Task<T> RunAsync<T>(string what, Func<NpgsqlConnection, Task<T>> operation, CancellationToken cancellationToken) =>
        RunOnAsync(what, async () =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            return await operation(connection);
        });

    /// <summary>Creates the schema when missing and runs <paramref name="ddl"/> in one transaction behind the cluster's schema lock.</summary>
    public Task CreateTablesAsync(string what, Func<NpgsqlConnection, NpgsqlTransaction, Task> ddl, CancellationToken cancellationToken) =>
        RunAsync(what, async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, transaction, $"SELECT pg_advisory_xact_lock({SchemaLockKey})", cancellationToken);
            await ExecuteAsync(connection, transaction,
                $"DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{Schema}') THEN CREATE SCHEMA \"{Schema}\"; END IF; END $$",
                cancellationToken);
            await ddl(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);

    /// <summary>Runs a statement without parameters or result.</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Any constant works; it only has to be the same in every engine process sharing the database.
    private const long SchemaLockKey = 0x456E67696E65_02;

    private async Task<T> RunOnAsync<T>(string what, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
        {
            throw new ClusterStoreException(
                $"{what} failed on {Name}: {e.Message}. Check that the server is up and engine.cluster.connection-string is right; " +
                "the node retries at its next round and drops its shards once its lease lapses.", e);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
