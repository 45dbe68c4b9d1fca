using Engine.Cluster.Coordination;
using Engine.Cluster.Leases;
using Engine.TestKit;

namespace Engine.Cluster.Tests.Support;

/// <summary>
/// Several nodes in one process on one fresh schema of the fixture's PostgreSQL server. Each node has its own
/// lease store (its own connections), host and <see cref="ManualTimeProvider"/>, so a test can freeze one node's
/// clock while the others' move on.
/// </summary>
internal sealed class TestCluster(string connectionString, int shardCount) : IAsyncDisposable
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(3);
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<TestNode> _nodes = [];

    public ClusterOptions Options { get; } = new()
    {
        Enabled = true,
        ConnectionString = connectionString,
        Schema = "c_" + Guid.NewGuid().ToString("N")[..16],
        ShardCount = shardCount,
        LeaseDuration = LeaseDuration,
        RenewInterval = RenewInterval,
    };

    public async Task<TestNode> AddNodeAsync(string nodeId, ManualTimeProvider? clock = null)
    {
        clock ??= new ManualTimeProvider(Start);
        var options = new ClusterOptions
        {
            Enabled = true,
            ConnectionString = Options.ConnectionString,
            Schema = Options.Schema,
            ShardCount = Options.ShardCount,
            LeaseDuration = Options.LeaseDuration,
            RenewInterval = Options.RenewInterval,
            NodeId = nodeId,
        };
        var store = await ShardLeaseStore.OpenAsync(options, clock);
        var host = new RecordingShardHost();
        var node = new TestNode(clock, store, host, new ShardCoordinator(store, host, options, clock));
        _nodes.Add(node);
        return node;
    }

    /// <summary>Runs <paramref name="count"/> rounds of every node in order, their clocks moving one renew interval per round.</summary>
    public static async Task RoundsAsync(int count, params TestNode[] nodes)
    {
        for (var i = 0; i < count; i++)
        {
            foreach (var node in nodes)
                node.Clock.Advance(RenewInterval);
            foreach (var node in nodes)
                await node.Coordinator.RoundAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.Coordinator.DisposeAsync();
            await node.Store.DisposeAsync();
        }
    }
}

internal sealed record TestNode(ManualTimeProvider Clock, ShardLeaseStore Store, RecordingShardHost Host, ShardCoordinator Coordinator)
{
    public IReadOnlyList<int> Shards => Coordinator.Ownership.Shards;
}
