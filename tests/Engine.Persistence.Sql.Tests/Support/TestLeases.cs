using System.Collections.Concurrent;
using Engine.Persistence.Sql.Fencing;
using Npgsql;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>
/// A minimal lease table in the test's schema (the columns <see cref="IJournalFence"/> requires) and the node's
/// view of it, set by the test: which shard each persistence id is in and the epoch this node believes it holds.
/// The journal's check against the table is the real one; only the lease bookkeeping is the test's.
/// </summary>
internal sealed class TestLeases(string connectionString, string schema, string nodeId) : IJournalFence
{
    private readonly ConcurrentDictionary<string, FenceToken> _claims = new();

    public string LeaseTable { get; } = $"\"{schema}\".shard_leases";

    public FenceToken TokenFor(string persistenceId) =>
        _claims.TryGetValue(persistenceId, out var token) ? token : new FenceToken(-1, nodeId, null);

    /// <summary>This node believes it holds <paramref name="shard"/> (with <paramref name="persistenceId"/> in it) under <paramref name="epoch"/>.</summary>
    public void Believe(string persistenceId, int shard, long? epoch) => _claims[persistenceId] = new FenceToken(shard, nodeId, epoch);

    public Task CreateAsync() => ExecuteAsync(
        $"CREATE TABLE {LeaseTable} (shard_id INTEGER PRIMARY KEY, owner_node TEXT NULL, epoch BIGINT NOT NULL)");

    /// <summary>Sets the lease row as a lease store would (committed at once).</summary>
    public Task SetAsync(int shard, string? owner, long epoch) => ExecuteAsync(
        $"INSERT INTO {LeaseTable} VALUES ({shard}, {(owner is null ? "NULL" : $"'{owner}'")}, {epoch}) " +
        "ON CONFLICT (shard_id) DO UPDATE SET owner_node = excluded.owner_node, epoch = excluded.epoch");

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
