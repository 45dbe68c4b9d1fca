using Engine.Cluster.EndToEnd.Tests.Support;
using Engine.Cluster.Sharding;
using Engine.TestKit.PostgreSql;
using Engine.Transfers;
using Engine.Transfers.Clustering;
using Engine.Transfers.Tokens;
using Engine.Transfers.Uploads;

namespace Engine.Cluster.EndToEnd.Tests;

/// <summary>Issue 8: any node (or client) accepts commands for any transfer and routes them to its owner; none is lost.</summary>
[Collection(PostgresqlCollection.Name)]
public sealed class RoutingTests(PostgreSqlServerFixture postgres)
{
    [Fact]
    public async Task A_command_for_a_shard_without_owner_waits_in_the_table_and_runs_once_a_node_owns_it()
    {
        await using var cluster = await ClusterRun.StartAsync(postgres, []);
        var file = cluster.WriteFiles(1, minSize: 100_000, maxSize: 100_000)[0];
        await using var client = await ClusterClient.ConnectAsync(cluster.Options("engine.cluster.command-timeout=2s"));

        var timedOut = await Assert.ThrowsAsync<RoutedCommandTimeoutException>(() => client.StartUploadAsync(new UploadRequest(file)));

        Assert.Contains($"transfer '{timedOut.TransferId}'", timedOut.Message);
        Assert.Contains("stays queued", timedOut.Message);
        var node = await cluster.StartNodesAsync("n1");
        await cluster.AssertUploadedByteExactAsync([file]);
        Assert.Equal(timedOut.TransferId, Assert.Single(await cluster.WaitForJournalCompletedAsync(1)).Id);
        Assert.Equal(TransferPhase.Completed, (await client.GetStatusAsync(timedOut.TransferId)).Phase);
        await cluster.StopNodesAsync(node);
    }

    [Fact]
    public async Task Any_node_starts_pauses_resumes_cancels_and_follows_transfers_wherever_they_run()
    {
        // 64 KiB/s per PUT: each 512 KB upload takes 8 s, so it still runs when it is paused.
        await using var cluster = await ClusterRun.StartAsync(postgres, ["engine.upload.chunk-size=256KiB"], "fault=bandwidth:bps=64KiB,on=put");
        var remote = cluster.StartNode("n1");
        await using var local = await TransferEngine.StartAsync(cluster.Options("engine.cluster.node-id=n2"), new StaticAccessTokenSource(ClusterRun.Token));
        await remote.WaitUntilAsync(n => n.Count("joined") == 1, "joined the cluster");
        await cluster.WaitForSpreadAsync("n1", "n2");
        var files = cluster.WriteFiles(16, minSize: 512_000, maxSize: 512_000);
        bool RunsHere(string id) => local.Cluster!.Shards.Contains(ShardHash.ShardOf(id, ClusterRun.ShardCount));

        // A node starts a new transfer on one of its own shards; a client's ids are random, so some land on n1.
        var here = await local.StartUploadAsync(new UploadRequest(files[0]));
        await using var client = await ClusterClient.ConnectAsync(cluster.Options());
        var submitted = await Task.WhenAll(files.Skip(1).Select(file => client.StartUploadAsync(new UploadRequest(file))));
        Assert.True(RunsHere(here));
        var there = submitted.First(id => !RunsHere(id));
        var thereFile = Path.GetFileName(files[1 + Array.IndexOf(submitted, there)]);

        Assert.Equal(TransferPhase.Paused, (await local.PauseAsync(there)).Phase);
        Assert.Equal(TransferPhase.Paused, (await local.GetStatusAsync(there)).Phase);
        foreach (var other in submitted.Where(id => id != there))
            Assert.Equal(TransferPhase.Cancelled, (await local.CancelAsync(other)).Phase);
        await local.ResumeAsync(there);

        Assert.Equal(TransferPhase.Completed, (await local.WaitForCompletionAsync(there)).Phase);
        Assert.Equal(TransferPhase.Completed, (await local.WaitForCompletionAsync(here)).Phase);
        await Assert.ThrowsAsync<UnknownTransferException>(() => local.GetStatusAsync("upload-00000000000000000000000000000000"));
        var journal = (await cluster.JournalAsync()).ToDictionary(t => t.Id, t => t.Phase);
        Assert.Equal(files.Count, journal.Count);
        Assert.All(submitted.Where(id => id != there), id => Assert.Equal(TransferPhase.Cancelled, journal[id]));
        // Each ran only where its shard lives: the pause and resume asked of n2 were carried out by n1.
        var log = SessionLog.Of(cluster.Emulator.Inspector.Requests);
        string SessionOf(string file) => cluster.Emulator.Inspector.Sessions.Single(s => s.Title == file).UploadId;
        Assert.Equal(["n2"], log.DriversOf(SessionOf(Path.GetFileName(files[0]))));
        Assert.Equal(["n1"], log.DriversOf(SessionOf(thereFile)));
        Assert.Empty(log.Overlaps());
        await local.DisposeAsync();
        await cluster.StopNodesAsync(remote);
    }
}
