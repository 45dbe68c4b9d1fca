using Engine.Cluster.EndToEnd.Tests.Support;
using Engine.Cluster.Storage;
using Engine.EndToEnd.Tests.Support;
using Engine.TestKit.PostgreSql;
using Engine.Transfers;
using Engine.Transfers.Clustering;

namespace Engine.Cluster.EndToEnd.Tests;

/// <summary>Cluster mode refuses settings that cannot work, before anything runs, and says what to set.</summary>
[Collection(PostgresqlCollection.Name)]
public sealed class SettingsTests(PostgreSqlServerFixture postgres)
{
    [Fact]
    public void Cluster_mode_needs_the_journal_in_the_clusters_postgresql_database()
    {
        var onSqlite = TransferEngineOptions.Load(overrides: ["engine.cluster.enabled=on", "engine.cluster.connection-string=\"Host=db;Database=engine\""]);
        var elsewhere = TransferEngineOptions.Load(overrides: ["engine.cluster.enabled=on", "engine.persistence.provider=postgresql",
            "engine.persistence.postgresql.connection-string=\"Host=db;Database=journal\"", "engine.cluster.connection-string=\"Host=db;Database=other\""]);

        Assert.Contains("set engine.persistence.provider = postgresql", Assert.ThrowsAny<ArgumentException>(onSqlite.Validate).Message);
        Assert.Contains("engine.cluster.connection-string names another server or database", Assert.ThrowsAny<ArgumentException>(elsewhere.Validate).Message);
    }

    [Fact]
    public async Task A_node_or_client_with_another_shard_count_than_the_cluster_is_refused()
    {
        await using var cluster = await ClusterRun.StartAsync(postgres, []);
        await (await ClusterClient.ConnectAsync(cluster.Options())).DisposeAsync();

        var refused = await Assert.ThrowsAsync<ClusterStoreException>(() => ClusterClient.ConnectAsync(cluster.Options("engine.cluster.shard-count=7")));

        Assert.Contains($"has {ClusterRun.ShardCount} shards, but engine.cluster.shard-count is 7", refused.Message);
    }

    [Fact]
    public async Task Engine_node_without_cluster_mode_is_a_usage_error()
    {
        using var temp = new TempDirectory();

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path, "node") { Token = ClusterRun.Token });

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("cluster mode is off; pass --set engine.cluster.enabled=on", result.Stderr);
    }
}
