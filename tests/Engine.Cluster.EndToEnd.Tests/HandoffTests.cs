using Engine.Cluster.EndToEnd.Tests.Support;
using Engine.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace Engine.Cluster.EndToEnd.Tests;

/// <summary>Issue 8: a node that joins mid-run takes its share of the shards by clean handoffs, and no transfer notices.</summary>
[Collection(PostgresqlCollection.Name)]
public sealed class HandoffTests(PostgreSqlServerFixture postgres, ITestOutputHelper output)
{
    [Fact]
    public async Task A_fourth_node_joining_mid_run_receives_its_share_by_handoff_and_no_transfer_fails()
    {
        // Chunks of 256 KiB at 128 KiB/s, and a retry at least every second that never gives up.
        await using var cluster = await ClusterRun.StartAsync(postgres,
            ["engine.upload.chunk-size=256KiB", "engine.retry.initial-delay=200ms", "engine.retry.max-delay=1s", "engine.retry.max-attempts=100000"],
            "fault=bandwidth:bps=128KiB,on=put");
        var nodes = await cluster.StartNodesAsync("n1", "n2", "n3");
        var files = await cluster.SubmitAndWaitUnderwayAsync(60, minSize: 600_000, maxSize: 700_000, underway: 20, nodes);
        // From here every new chunk is refused (503) until the fourth node has its share: the uploads under way stay
        // under way through the handoff, however long the new node takes to start; then they all finish at full speed.
        cluster.Emulator.Faults.Add("status:code=503,on=put");

        var handoffsBefore = nodes.Sum(n => n.Count("shard-handed-off"));
        var joiner = cluster.StartNode("n4");
        await cluster.WaitForSpreadAsync("n1", "n2", "n3", "n4");
        cluster.Emulator.Faults.Clear();

        await cluster.AssertUploadedByteExactAsync(files);
        await cluster.WaitForJournalCompletedAsync(files.Count);
        var log = SessionLog.Of(cluster.Emulator.Inspector.Requests);
        Assert.Empty(log.Overlaps());
        var handedOver = log.Sessions.Keys.Count(session => log.DriversOf(session) is [not "n4", "n4"]);
        output.WriteLine($"n4 took {ClusterRun.ShardCount / 4} shards by handoff and continued {handedOver} uploads other nodes had begun; " +
                         $"handoffs: {string.Join(", ", nodes.Select(n => $"{n.Id}={n.Count("shard-handed-off")}"))}");
        Assert.True(handedOver > 0, $"n4 continued none of the uploads begun by others.\n{cluster.NodeOutput()}");
        Assert.True(nodes.Sum(n => n.Count("shard-handed-off")) - handoffsBefore >= ClusterRun.ShardCount / 4, cluster.NodeOutput());
        // A clean handoff stops the actors before releasing: nothing is written under a stale lease.
        Assert.All(nodes.Append(joiner), node => Assert.Equal(0, node.FencedWrites));
        await cluster.StopNodesAsync(nodes.Append(joiner));
    }
}
