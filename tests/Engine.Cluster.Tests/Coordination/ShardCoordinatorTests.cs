using Engine.Cluster.Coordination;
using Engine.Cluster.Tests.Support;
using Engine.TestKit;
using Engine.TestKit.PostgreSql;

namespace Engine.Cluster.Tests.Coordination;

/// <summary>
/// Several coordinators in one process on a real PostgreSQL server, each on its own manual clock; the tests step
/// through rounds instead of sleeping.
/// </summary>
[Collection(PostgresqlCollection.Name)]
public sealed class ShardCoordinatorTests(PostgreSqlServerFixture server) : IAsyncLifetime
{
    private const int Shards = 12;
    private TestCluster _cluster = null!;

    public Task InitializeAsync()
    {
        _cluster = new TestCluster(server.ConnectionString, Shards);
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Shards_spread_evenly_over_the_live_nodes_and_each_is_held_once()
    {
        var nodes = new[] { await _cluster.AddNodeAsync("node-a"), await _cluster.AddNodeAsync("node-b"), await _cluster.AddNodeAsync("node-c") };

        await TestCluster.RoundsAsync(3, nodes);

        AssertSpread([4, 4, 4], nodes);
        Assert.All(nodes, n => Assert.Equal(n.Shards, n.Host.Running));
    }

    [Fact]
    public async Task A_node_that_stops_renewing_loses_its_shards_after_the_lease_and_drops_them_when_it_wakes()
    {
        TestNode a = await _cluster.AddNodeAsync("node-a"), b = await _cluster.AddNodeAsync("node-b");
        await TestCluster.RoundsAsync(2, a, b);
        var held = a.Shards;
        AssertSpread([6, 6], a, b);

        // node-a stops running rounds; its lease still counts until it expires.
        var rounds = 0;
        for (; TestCluster.RenewInterval * (rounds + 1) < TestCluster.LeaseDuration; rounds++)
            await TestCluster.RoundsAsync(1, b);
        Assert.Equal(6, b.Shards.Count);
        await TestCluster.RoundsAsync(2, b);
        Assert.Equal(Shards, b.Shards.Count);
        Assert.Equal(Shards, b.Host.Running.Count);

        var before = a.Coordinator.Node!.Value.Incarnation;
        var earlierStops = a.Host.Stops.Count;
        a.Clock.Advance(b.Clock.GetUtcNow() - a.Clock.GetUtcNow());
        await a.Coordinator.RoundAsync();

        Assert.Equal(held.Select(s => (s, ShardStopReason.Lost)), a.Host.Stops.Skip(earlierStops));
        Assert.Equal(before + 1, a.Coordinator.Node!.Value.Incarnation);
        await TestCluster.RoundsAsync(2, b, a);
        AssertSpread([6, 6], a, b);
    }

    [Fact]
    public async Task A_joining_node_gets_its_share_through_handoff()
    {
        TestNode a = await _cluster.AddNodeAsync("node-a"), b = await _cluster.AddNodeAsync("node-b");
        await TestCluster.RoundsAsync(2, a, b);
        var epochs = await EpochsAsync(a);
        var handoffsBefore = a.Host.Stops.Count + b.Host.Stops.Count;

        var c = await _cluster.AddNodeAsync("node-c");
        await TestCluster.RoundsAsync(2, a, b, c);

        AssertSpread([4, 4, 4], a, b, c);
        Assert.All(new[] { a, b }, n => Assert.All(n.Host.Stops, stop => Assert.Equal(ShardStopReason.Handoff, stop.Reason)));
        Assert.Equal(4, a.Host.Stops.Count + b.Host.Stops.Count - handoffsBefore);
        Assert.Equal(c.Shards, c.Host.Running);
        var after = await EpochsAsync(a);
        Assert.All(c.Shards, s => Assert.Equal(epochs[s] + 1, after[s]));
    }

    [Fact]
    public async Task A_leaving_node_hands_its_shards_off_and_the_others_take_them_at_once()
    {
        TestNode a = await _cluster.AddNodeAsync("node-a"), b = await _cluster.AddNodeAsync("node-b"), c = await _cluster.AddNodeAsync("node-c");
        await TestCluster.RoundsAsync(3, a, b, c);
        var leaving = c.Shards;

        await c.Coordinator.LeaveAsync();
        await TestCluster.RoundsAsync(1, a, b);

        Assert.Equal(leaving.Select(s => (s, ShardStopReason.Handoff)), c.Host.Stops);
        Assert.Empty(c.Shards);
        Assert.Null(c.Coordinator.Node);
        AssertSpread([6, 6], a, b);
    }

    [Fact]
    public async Task A_shard_the_host_cannot_start_is_released_and_taken_at_a_later_round()
    {
        var a = await _cluster.AddNodeAsync("node-a");
        a.Host.FailingShard = 0;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => a.Coordinator.RoundAsync());

        Assert.Contains("Shard 0 cannot start", error.Message);
        Assert.DoesNotContain(0, a.Shards);
        Assert.Null((await a.Store.ReadAsync()).Shards[0].Owner);
        a.Host.FailingShard = -1;
        await TestCluster.RoundsAsync(1, a);
        AssertSpread([Shards], a);
    }

    [Fact]
    public async Task The_rounds_run_on_the_time_providers_clock()
    {
        var clock = new ManualTimeProvider();
        TestNode a = await _cluster.AddNodeAsync("node-a", clock), b = await _cluster.AddNodeAsync("node-b", clock);
        a.Coordinator.Start();
        await Conditions.AwaitAsync(() => a.Shards.Count == Shards, "node-a took every shard in its first round", TimeSpan.FromSeconds(60));
        b.Coordinator.Start();

        for (var round = 0; round < 4 && b.Shards.Count < 6; round++)
        {
            await Conditions.AwaitAsync(() => clock.ArmedTimers == 4, "both coordinators wait for their next round and heartbeat", TimeSpan.FromSeconds(60));
            clock.Advance(TestCluster.RenewInterval);
        }
        await Conditions.AwaitAsync(() => a.Shards.Count == 6 && b.Shards.Count == 6, "the shards are spread", TimeSpan.FromSeconds(60));
        AssertSpread([6, 6], a, b);
    }

    [Fact]
    public async Task The_heartbeat_keeps_the_lease_while_a_round_takes_longer_than_the_lease()
    {
        var clock = new ManualTimeProvider();
        var a = await _cluster.AddNodeAsync("node-a", clock);
        var slowStart = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Host.StartGate = slowStart.Task;
        a.Coordinator.Start();
        await Conditions.AwaitAsync(() => a.Host.StartsBegun == 1, "the first round to start its first shard", TimeSpan.FromSeconds(60));

        // The round waits for that start; only the heartbeat's timer is armed while twice the lease goes by.
        for (var elapsed = TimeSpan.Zero; elapsed < TestCluster.LeaseDuration * 2; elapsed += TestCluster.RenewInterval)
        {
            await Conditions.AwaitAsync(() => clock.ArmedTimers == 1, "the heartbeat to wait for its next renewal", TimeSpan.FromSeconds(60));
            clock.Advance(TestCluster.RenewInterval);
        }
        await Conditions.AwaitAsync(() => clock.ArmedTimers == 1, "the last renewal", TimeSpan.FromSeconds(60));

        Assert.True(a.Coordinator.Ownership.IsValid);
        Assert.Contains(a.Coordinator.Node!.Value, (await a.Store.ReadAsync()).LiveNodes);
        slowStart.SetResult();
        await Conditions.AwaitAsync(() => a.Host.Running.Count == Shards, "the round to start every shard", TimeSpan.FromSeconds(60));
        Assert.Equal(1, a.Coordinator.Node!.Value.Incarnation);
        Assert.Empty(a.Host.Stops);
    }

    private static void AssertSpread(int[] expected, params TestNode[] nodes)
    {
        Assert.Equal(expected, nodes.Select(n => n.Shards.Count));
        Assert.Equal(Enumerable.Range(0, Shards), nodes.SelectMany(n => n.Shards).Order());
    }

    private static async Task<long[]> EpochsAsync(TestNode node) =>
        (await node.Store.ReadAsync()).Shards.Select(s => s.Epoch).ToArray();
}
