using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Options;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.PostgreSql;
using Engine.TestKit.Tck;
using Npgsql;

namespace Engine.Persistence.Sql.Tests.Fencing;

/// <summary>
/// Cluster fencing on a real PostgreSQL server: the journal checks each write's shard epoch against the lease
/// row in the insert's own transaction, so a node that lost its shard can never write after the takeover.
/// </summary>
[Collection(PostgresqlCollection.Name)]
public sealed class FencingTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TestStorage _storage = TestStorage.Postgresql(server.ConnectionString);
    private TestLeases _oldOwner = null!;
    private TestLeases _newOwner = null!;
    private SqlPersistence _old = null!;
    private SqlPersistence _new = null!;

    public async Task InitializeAsync()
    {
        _oldOwner = new TestLeases(server.ConnectionString, _storage.Options.Postgresql.Schema, "node-a");
        _newOwner = new TestLeases(server.ConnectionString, _storage.Options.Postgresql.Schema, "node-b");
        _old = await _storage.OpenAsync(TckSerializers.Current(), _oldOwner);
        _new = await _storage.OpenAsync(TckSerializers.Current(), _newOwner);
        await _oldOwner.CreateAsync();
    }

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();

    [Fact]
    public async Task A_stale_writer_is_refused_after_a_takeover_and_the_new_owner_writes_on()
    {
        using var fenced = new InstrumentRecorder<long>(_old.Metrics, PersistenceMetrics.FencedEventsInstrument);
        await _oldOwner.SetAsync(7, "node-a", 1);
        _oldOwner.Believe("upload-1", 7, 1);
        await _old.Journal.WriteMessagesAsync(Events.One("upload-1", 1, "by a"));

        // node-b takes shard 7 over (a new epoch), recovers, and writes on; node-a still believes it holds epoch 1.
        await _oldOwner.SetAsync(7, "node-b", 2);
        _newOwner.Believe("upload-1", 7, 2);
        await _new.Journal.WriteMessagesAsync(Events.One("upload-1", 2, "by b"));
        var refused = await Assert.ThrowsAsync<StaleShardEpochException>(() => _old.Journal.WriteMessagesAsync(Events.One("upload-1", 3, "late a")));

        Assert.Equal(("upload-1", 7, "node-a", 1L, "node-b", 2L),
            (refused.PersistenceId, refused.Shard, refused.NodeId, refused.WriterEpoch, refused.CurrentOwner, refused.CurrentEpoch));
        Assert.Contains("'upload-1'", refused.Message);
        Assert.Contains("epoch 1 of shard 7", refused.Message);
        Assert.Contains("held by node 'node-b' under epoch 2", refused.Message);
        Assert.Equal(1, fenced.Values.Sum());
        Assert.Equal([1L, 2L], await Events.SequenceNrsAsync(_new.Journal, "upload-1"));
        await _new.Journal.WriteMessagesAsync(Events.One("upload-1", 3, "by b"));
        Assert.Equal([1L, 2L, 3L], await Events.SequenceNrsAsync(_new.Journal, "upload-1"));
    }

    [Fact]
    public async Task A_released_shard_refuses_its_last_owner()
    {
        await _oldOwner.SetAsync(3, null, 4);
        _oldOwner.Believe("download-1", 3, 4);

        var refused = await Assert.ThrowsAsync<StaleShardEpochException>(() => _old.Journal.WriteMessagesAsync(Events.One("download-1", 1)));

        Assert.Null(refused.CurrentOwner);
        Assert.Contains("held by no node", refused.Message);
        Assert.Empty(await Events.SequenceNrsAsync(_old.Journal, "download-1"));
    }

    [Fact]
    public async Task A_write_for_a_shard_the_node_does_not_hold_is_refused_before_the_database()
    {
        using var fenced = new InstrumentRecorder<long>(_old.Metrics, PersistenceMetrics.FencedEventsInstrument);
        _oldOwner.Believe("upload-2", 5, null);

        var refused = await Assert.ThrowsAsync<StaleShardEpochException>(() => _old.Journal.WriteMessagesAsync(Events.One("upload-2", 1)));

        Assert.Equal((5, (long?)null, (long?)null), (refused.Shard, refused.WriterEpoch, refused.CurrentEpoch));
        Assert.Contains("without a valid lease on shard 5", refused.Message);
        Assert.Equal(1, fenced.Values.Sum());
    }

    [Fact]
    public async Task In_a_batch_only_the_stale_write_fails()
    {
        await _oldOwner.SetAsync(1, "node-a", 1);
        await _oldOwner.SetAsync(2, "node-b", 9);
        var good = Enumerable.Range(0, 100).Select(i => $"upload-good-{i}").ToArray();
        foreach (var id in good)
            _oldOwner.Believe(id, 1, 1);
        _oldOwner.Believe("upload-stale", 2, 8);

        var writes = good.Select(id => _old.Journal.WriteMessagesAsync(Events.One(id, 1))).ToArray();
        var stale = _old.Journal.WriteMessagesAsync(Events.One("upload-stale", 1));

        await Assert.ThrowsAsync<StaleShardEpochException>(() => stale.WaitAsync(Generous));
        await Task.WhenAll(writes).WaitAsync(Generous);
        foreach (var id in good)
            Assert.Equal([1L], await Events.SequenceNrsAsync(_old.Journal, id));
        Assert.Empty(await Events.SequenceNrsAsync(_old.Journal, "upload-stale"));
    }

    [Fact]
    public async Task A_takeover_in_progress_holds_the_write_until_it_commits_and_the_write_then_sees_the_new_epoch()
    {
        await _oldOwner.SetAsync(4, "node-a", 1);
        _oldOwner.Believe("upload-3", 4, 1);
        await using var takeover = new NpgsqlConnection(server.ConnectionString);
        await takeover.OpenAsync();
        await using var transaction = await takeover.BeginTransactionAsync();
        await using (var acquire = new NpgsqlCommand(
            $"UPDATE {_oldOwner.LeaseTable} SET owner_node = 'node-b', epoch = epoch + 1 WHERE shard_id = 4", takeover, transaction))
            await acquire.ExecuteNonQueryAsync();

        var write = _old.Journal.WriteMessagesAsync(Events.One("upload-3", 1));
        await Task.WhenAny(write, Task.Delay(TimeSpan.FromMilliseconds(500)));
        Assert.False(write.IsCompleted, "The write must wait for the lease row the takeover holds.");
        await transaction.CommitAsync();

        var refused = await Assert.ThrowsAsync<StaleShardEpochException>(() => write.WaitAsync(Generous));
        Assert.Equal(2, refused.CurrentEpoch);
        Assert.Empty(await Events.SequenceNrsAsync(_old.Journal, "upload-3"));
    }

    [Fact]
    public async Task Only_postgresql_takes_a_fence()
    {
        await using var sqlite = TestStorage.Sqlite();

        var error = await Assert.ThrowsAsync<InvalidPersistenceOptionsException>(() => sqlite.OpenAsync(TckSerializers.Current(), _oldOwner));

        Assert.Contains("engine.persistence.provider = postgresql", error.Message);
    }
}
