using Engine.Actors.Persistence;
using Engine.Cluster.Coordination;
using Engine.Cluster.Sharding;
using Engine.Cluster.Tests.Support;
using Engine.Persistence.Sql;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Journal;
using Engine.Persistence.Sql.Options;
using Engine.TestKit.PostgreSql;
using Engine.TestKit.Tck;

namespace Engine.Cluster.Tests.Coordination;

/// <summary>
/// The coordinator's ownership as the journal's fence, on one PostgreSQL database: a node frozen past its lease
/// (its clock and rounds stand still while the others move on) can neither write nor renew once it was taken over.
/// </summary>
[Collection(PostgresqlCollection.Name)]
public sealed class FencedJournalTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private const int Shards = 6;
    private readonly List<SqlPersistence> _journals = [];
    private TestCluster _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new TestCluster(server.ConnectionString, Shards);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var journal in _journals)
            await journal.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task A_frozen_node_cannot_write_or_renew_after_its_shards_were_taken_over()
    {
        TestNode a = await _cluster.AddNodeAsync("node-a"), b = await _cluster.AddNodeAsync("node-b");
        await TestCluster.RoundsAsync(2, a, b);
        var journalA = await OpenJournalAsync(a.Coordinator.Ownership);
        var journalB = await OpenJournalAsync(b.Coordinator.Ownership);
        var id = TransferIn(a.Shards[0]);
        await journalA.WriteMessagesAsync(Event(id, 1, "by a"));

        // node-a freezes (SIGSTOP): no rounds, and its clock stands still. node-b's rounds go on past a's lease.
        await TestCluster.RoundsAsync((int)(TestCluster.LeaseDuration / TestCluster.RenewInterval) + 1, b);
        Assert.Equal(Shards, b.Shards.Count);
        await journalB.WriteMessagesAsync(Event(id, 2, "by b"));

        // Still frozen in its own view, node-a finishes a write it had started: the journal refuses it.
        var stale = await Assert.ThrowsAsync<StaleShardEpochException>(() => journalA.WriteMessagesAsync(Event(id, 3, "late a")));
        Assert.Equal(("node-a", "node-b"), (stale.NodeId, stale.CurrentOwner));
        Assert.True(stale.CurrentEpoch > stale.WriterEpoch);

        // SIGCONT: its clock catches up. Its lease lapsed by its own clock, so it refuses its own writes at once...
        a.Clock.Advance(b.Clock.GetUtcNow() - a.Clock.GetUtcNow());
        var lapsed = await Assert.ThrowsAsync<StaleShardEpochException>(() => journalA.WriteMessagesAsync(Event(id, 3, "late a")));
        Assert.Null(lapsed.WriterEpoch);
        // ...cannot renew: it drops every shard as lost and joins again as a new incarnation.
        var incarnation = a.Coordinator.Node!.Value.Incarnation;
        await a.Coordinator.RoundAsync();
        Assert.All(a.Host.Stops.Skip(a.Host.Stops.Count - 3), stop => Assert.Equal(ShardStopReason.Lost, stop.Reason));
        Assert.Empty(a.Host.Running);
        Assert.Equal(incarnation + 1, a.Coordinator.Node!.Value.Incarnation);

        var stored = new List<string>();
        await journalB.ReplayMessagesAsync(id, 1, long.MaxValue, long.MaxValue, e => stored.Add(((TckEvent)e.Payload).Text));
        Assert.Equal(["by a", "by b"], stored);
    }

    private async Task<SqlJournal> OpenJournalAsync(ShardOwnership fence)
    {
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Postgresql };
        options.Postgresql.ConnectionString = _cluster.Options.ConnectionString;
        options.Postgresql.Schema = _cluster.Options.Schema;
        var persistence = await SqlPersistence.OpenAsync(options, TckSerializers.Current(), fence);
        _journals.Add(persistence);
        return persistence.Journal;
    }

    private static string TransferIn(int shard) =>
        Enumerable.Range(0, 10_000).Select(i => $"upload-{i}").First(id => ShardHash.ShardOf(id, Shards) == shard);

    private static AtomicWrite[] Event(string id, long sequenceNr, string text) =>
        [new AtomicWrite([new PersistentRepresentation(id, sequenceNr, new TckEvent(text), "writer", DateTimeOffset.UnixEpoch)])];
}
