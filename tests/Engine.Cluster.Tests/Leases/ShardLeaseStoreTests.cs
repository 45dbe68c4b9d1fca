using Engine.Cluster.Leases;
using Engine.Cluster.Storage;
using Engine.Cluster.Tests.Support;
using Engine.TestKit.PostgreSql;

namespace Engine.Cluster.Tests.Leases;

/// <summary>The lease statements on a real PostgreSQL server, with each node's clock under the test's control.</summary>
[Collection(PostgresqlCollection.Name)]
public sealed class ShardLeaseStoreTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private TestCluster _cluster = null!;
    private TestNode _a = null!;
    private TestNode _b = null!;

    public async Task InitializeAsync()
    {
        _cluster = new TestCluster(server.ConnectionString, shardCount: 4);
        _a = await _cluster.AddNodeAsync("node-a");
        _b = await _cluster.AddNodeAsync("node-b");
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task A_held_shard_cannot_be_acquired_and_each_new_owner_raises_the_epoch()
    {
        var a = await _a.Store.JoinAsync("node-a");
        var b = await _b.Store.JoinAsync("node-b");

        Assert.Equal(1, await _a.Store.TryAcquireAsync(2, a));
        Assert.Null(await _b.Store.TryAcquireAsync(2, b));
        Assert.True(await _a.Store.ReleaseAsync(2, a, 1));
        Assert.Equal(2, await _b.Store.TryAcquireAsync(2, b));
        Assert.False(await _a.Store.ReleaseAsync(2, a, 1));

        var view = await _a.Store.ReadAsync();
        Assert.Equal([a, b], view.LiveNodes);
        Assert.Equal(new ShardLease(2, b, 2, IsValid: true), view.Shards[2]);
        Assert.Equal([null, null, "node-b", null], view.ValidOwners);
    }

    [Fact]
    public async Task An_expired_lease_is_never_renewed_and_its_shards_are_taken_over_with_a_new_epoch()
    {
        var a = await _a.Store.JoinAsync("node-a");
        var b = await _b.Store.JoinAsync("node-b");
        Assert.Equal(1, await _a.Store.TryAcquireAsync(0, a));

        var step = TimeSpan.FromSeconds(10);
        _a.Clock.Advance(step);
        _b.Clock.Advance(step);
        Assert.True(await _a.Store.RenewAsync(a));
        Assert.True(await _b.Store.RenewAsync(b));
        Assert.Null(await _b.Store.TryAcquireAsync(0, b));

        // node-a is frozen from here on (its clock stands still); node-b lives on.
        _b.Clock.Advance(step);
        Assert.True(await _b.Store.RenewAsync(b));
        Assert.Null(await _b.Store.TryAcquireAsync(0, b));
        _b.Clock.Advance(step);
        Assert.True(await _b.Store.RenewAsync(b));
        Assert.Equal(2, await _b.Store.TryAcquireAsync(0, b));

        _a.Clock.Advance(step * 2);
        Assert.False(await _a.Store.RenewAsync(a));
        Assert.DoesNotContain(a, (await _b.Store.ReadAsync()).LiveNodes);
    }

    [Fact]
    public async Task A_node_whose_own_lease_expired_cannot_acquire()
    {
        var a = await _a.Store.JoinAsync("node-a");
        _a.Clock.Advance(TestCluster.LeaseDuration);

        Assert.Null(await _a.Store.TryAcquireAsync(1, a));
    }

    [Fact]
    public async Task Rejoining_is_a_new_incarnation_whose_old_leases_are_dead_at_once()
    {
        var first = await _a.Store.JoinAsync("node-a");
        var b = await _b.Store.JoinAsync("node-b");
        Assert.Equal(1, await _a.Store.TryAcquireAsync(3, first));

        var second = await _a.Store.JoinAsync("node-a");

        Assert.Equal(first.Incarnation + 1, second.Incarnation);
        Assert.False(await _a.Store.RenewAsync(first));
        Assert.False((await _b.Store.ReadAsync()).Shards[3].IsValid);
        Assert.Equal(2, await _b.Store.TryAcquireAsync(3, b));
    }

    [Fact]
    public async Task Nodes_racing_for_every_shard_get_each_exactly_once()
    {
        var nodes = new List<(TestNode Node, NodeLease Lease)>();
        for (var i = 0; i < 4; i++)
        {
            var node = i switch { 0 => _a, 1 => _b, _ => await _cluster.AddNodeAsync($"node-{i}") };
            nodes.Add((node, await node.Store.JoinAsync(node.Coordinator.Ownership.NodeId)));
        }

        var attempts = nodes.SelectMany(n => Enumerable.Range(0, 4).Select(async shard => (shard, n.Lease, Epoch: await n.Node.Store.TryAcquireAsync(shard, n.Lease))));
        var won = (await Task.WhenAll(attempts)).Where(r => r.Epoch is not null).ToArray();

        Assert.Equal([0, 1, 2, 3], won.Select(w => w.shard).Order());
        Assert.All(won, w => Assert.Equal(1, w.Epoch));
        var view = await _a.Store.ReadAsync();
        Assert.All(won, w => Assert.Equal(w.Lease, view.Shards[w.shard].Owner));
    }

    [Fact]
    public async Task A_node_with_another_shard_count_is_refused()
    {
        var options = new ClusterOptions
        {
            Enabled = true,
            ConnectionString = _cluster.Options.ConnectionString,
            Schema = _cluster.Options.Schema,
            ShardCount = 8,
        };

        var error = await Assert.ThrowsAsync<ClusterStoreException>(() => ShardLeaseStore.OpenAsync(options, TimeProvider.System));

        Assert.Contains("has 4 shards, but engine.cluster.shard-count is 8", error.Message);
    }
}
