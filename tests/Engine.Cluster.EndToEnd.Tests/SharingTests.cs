using Engine.Cluster.EndToEnd.Tests.Support;
using Engine.EndToEnd.Tests.Support;
using Engine.TestKit.PostgreSql;

namespace Engine.Cluster.EndToEnd.Tests;

/// <summary>Issue 8: several engine nodes on one PostgreSQL share the transfers handed to the cluster.</summary>
[Collection(PostgresqlCollection.Name)]
public sealed class SharingTests(PostgreSqlServerFixture postgres)
{
    private const int Uploads = 270;
    private const int Downloads = 30;

    [Fact]
    public async Task Three_nodes_share_300_transfers_over_their_spread_shards_and_complete_them_byte_exact()
    {
        await using var cluster = await ClusterRun.StartAsync(postgres, [],
            [.. Enumerable.Range(0, Downloads).Select(i => $"file=id=clip{i},size={150_000 + i * 1000},seed={i}")]);
        var nodes = await cluster.StartNodesAsync("n1", "n2", "n3");
        var files = cluster.WriteFiles(Uploads, minSize: 20_000, maxSize: 120_000);
        var downloads = Enumerable.Range(0, Downloads).Select(i => (FileId: $"clip{i}", Path: cluster.Temp.File($"clip{i}.out"))).ToList();

        var submitted = await cluster.SubmitAsync(files, downloads);

        Assert.Equal(Uploads + Downloads, submitted.Count);
        await cluster.AssertUploadedByteExactAsync(files);
        await Eventually.HoldsAsync(() => downloads.All(d => File.Exists(d.Path)), "every download to complete", ClusterRun.Generous);
        Assert.All(downloads, d => Assert.Equal(cluster.Emulator.Files.Find(d.FileId)!.Head.Content.ComputeSha256(), TestFiles.Sha256(d.Path)));
        var journal = await cluster.WaitForJournalCompletedAsync(Uploads + Downloads);
        Assert.Equal(submitted.Values.Order(), journal.Select(t => t.Id).Order());
        // Every node ran its share: ids are random, so each of three nodes owning a third of the shards drives about a third.
        var log = SessionLog.Of(cluster.Emulator.Inspector.Requests);
        Assert.All(nodes, node => Assert.True(log.DrivenBy(node.Id).Count >= Uploads / 6, $"{node.Id} drove {log.DrivenBy(node.Id).Count} of {Uploads} uploads"));
        Assert.Empty(log.Overlaps());

        Assert.All(nodes, node => Assert.Equal(0, node.FencedWrites));
        await cluster.StopNodesAsync(nodes);
    }
}
