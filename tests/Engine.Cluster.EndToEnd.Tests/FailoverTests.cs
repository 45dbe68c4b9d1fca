using Engine.Cluster.EndToEnd.Tests.Support;
using Engine.TestKit.PostgreSql;
using Xunit.Abstractions;

namespace Engine.Cluster.EndToEnd.Tests;

/// <summary>
/// Issue 8: a node that dies or freezes loses its shards once its lease expires; the others take its transfers over
/// from the journal and finish them, and the old node can never write again. Uploads are chunked (256 KiB) and the
/// emulator caps each PUT at 128 KiB/s, so each upload takes seconds and a failure lands in the middle of many.
/// </summary>
[Collection(PostgresqlCollection.Name)]
public sealed class FailoverTests(PostgreSqlServerFixture postgres, ITestOutputHelper output)
{
    private static readonly string[] ChunkedUploads = ["engine.upload.chunk-size=256KiB"];
    private const string SlowPuts = "fault=bandwidth:bps=128KiB,on=put";

    [Fact]
    public async Task A_killed_nodes_transfers_are_taken_over_after_its_lease_and_complete_never_driven_by_two_nodes_at_once()
    {
        await using var cluster = await ClusterRun.StartAsync(postgres, ChunkedUploads, SlowPuts);
        var nodes = await cluster.StartNodesAsync("n1", "n2", "n3");
        var victim = nodes[0];
        var files = await cluster.SubmitAndWaitUnderwayAsync(90, minSize: 600_000, maxSize: 700_000, underway: 10, victim);

        victim.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var orphaned = cluster.SessionsInFlight(victim.Id);

        await cluster.AssertUploadedByteExactAsync(files);
        var log = SessionLog.Of(cluster.Emulator.Inspector.Requests);
        Assert.Empty(log.Overlaps());
        // Each upload n1 was in the middle of went on in its own session, driven by a survivor from the lease's end on.
        var takeovers = orphaned.Select(session => log.Sessions[session].FirstOrDefault(r => r.Node != victim.Id)?.Start).ToList();
        Assert.All(takeovers, takeover => Assert.NotNull(takeover));
        var first = takeovers.Min()!.Value;
        var expired = await cluster.LeaseExpiryAsync(victim.Id);
        output.WriteLine($"SIGKILL → first request of a taken-over upload from its new owner: {ClusterRun.Ms(first - killedAt)} " +
                         $"(last of {orphaned.Count}: {ClusterRun.Ms(takeovers.Max()!.Value - killedAt)}; n1's lease ran out {ClusterRun.Ms(expired - killedAt)} " +
                         $"after the kill); lease {ClusterRun.LeaseDuration}, renew {ClusterRun.RenewInterval}; " +
                         $"fenced writes of the survivors: {string.Join(", ", nodes[1..].Select(n => $"{n.Id}={n.FencedWrites}"))}");
        // Nobody took over before the lease n1 last renewed had run out.
        Assert.True(first >= expired, $"a survivor drove an orphaned upload at {first:HH:mm:ss.fff}, before n1's lease ran out at {expired:HH:mm:ss.fff}");
        Assert.Equal(orphaned.Count, orphaned.Count(session => cluster.Emulator.Inspector.Sessions.Single(s => s.UploadId == session).StoredLength ==
                                                               cluster.Emulator.Inspector.Sessions.Single(s => s.UploadId == session).DeclaredLength));
        await cluster.WaitForJournalCompletedAsync(files.Count);
        await cluster.StopNodesAsync(nodes[1..]);
    }

    [Fact]
    public async Task A_node_frozen_past_its_lease_cannot_write_once_it_wakes_its_stale_writes_are_refused_and_it_drops_its_shards()
    {
        await using var cluster = await ClusterRun.StartAsync(postgres, ChunkedUploads, SlowPuts);
        var nodes = await cluster.StartNodesAsync("n1", "n2", "n3");
        var victim = nodes[0];
        var files = await cluster.SubmitAndWaitUnderwayAsync(60, minSize: 600_000, maxSize: 700_000, underway: 5, victim);

        await victim.FreezeAsync();
        await cluster.WaitForSpreadAsync("n2", "n3");
        await victim.ThawAsync();

        // Awake, it finishes the requests it had in flight, but the journal refuses every write, and its next round drops the shards.
        await victim.WaitUntilAsync(n => n.Count("shard-lost") > 0 && n.FencedWrites > 0, "its stale writes refused and its shards dropped");
        output.WriteLine($"n1 after waking: {victim.Count("shard-lost")} shards dropped, {victim.FencedWrites} stale writes refused");
        await cluster.AssertUploadedByteExactAsync(files);
        await cluster.WaitForJournalCompletedAsync(files.Count);
        // It joined again as a new incarnation and got its share back by handoff.
        await cluster.WaitForSpreadAsync("n1", "n2", "n3");
        await cluster.StopNodesAsync(nodes);
    }
}
