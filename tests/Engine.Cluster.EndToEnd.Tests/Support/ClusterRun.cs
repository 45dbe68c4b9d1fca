using System.Globalization;
using System.Text.Json;
using Engine.Emulator;
using Engine.EndToEnd.Tests.Support;
using Engine.TestKit.PostgreSql;
using Engine.Transfers;
using Npgsql;

namespace Engine.Cluster.EndToEnd.Tests.Support;

/// <summary>
/// One cluster for one test: a fresh database on the fixture's PostgreSQL server, an in-process emulator, a temp
/// directory, and the <c>engine</c> processes (nodes, <c>submit</c>) sharing one configuration with short leases
/// (<see cref="LeaseDuration"/>) so failovers take seconds.
/// </summary>
public sealed class ClusterRun : IAsyncDisposable
{
    /// <summary>How long anything real may take on a loaded 2-core box before a test fails.</summary>
    public static readonly TimeSpan Generous = TimeSpan.FromSeconds(90);

    /// <summary>
    /// The lease: 3 s, renewed every second, so failovers take seconds. To measure failover with other settings (the
    /// defaults: 15 and 3), set ENGINE_CLUSTER_TEST_LEASE_SECONDS and ENGINE_CLUSTER_TEST_RENEW_SECONDS.
    /// </summary>
    public static readonly TimeSpan LeaseDuration = Seconds("ENGINE_CLUSTER_TEST_LEASE_SECONDS", 3);

    /// <summary>The renew interval (see <see cref="LeaseDuration"/>).</summary>
    public static readonly TimeSpan RenewInterval = Seconds("ENGINE_CLUSTER_TEST_RENEW_SECONDS", 1);

    /// <summary>60 shards: 20 per node of three, 15 per node of four.</summary>
    public const int ShardCount = 60;

    public const string Token = "cluster-e2e-token";

    private readonly string _connectionString;
    private readonly IReadOnlyList<string> _settings;
    private readonly List<NodeProcess> _nodes = [];

    private ClusterRun(string connectionString, EmulatorServer emulator, IReadOnlyList<string> settings)
    {
        _connectionString = connectionString;
        Emulator = emulator;
        _settings =
        [
            "engine.cluster.enabled=on",
            "engine.persistence.provider=postgresql",
            $"engine.persistence.postgresql.connection-string={JsonSerializer.Serialize(connectionString)}",
            $"engine.cluster.shard-count={ShardCount}",
            $"engine.cluster.lease-duration={(int)LeaseDuration.TotalSeconds}s",
            $"engine.cluster.renew-interval={(int)RenewInterval.TotalSeconds}s",
            "engine.cluster.command-timeout=60s",
            $"engine.upload.endpoint={JsonSerializer.Serialize(emulator.BaseAddress.ToString())}",
            $"engine.download.endpoint={JsonSerializer.Serialize(emulator.BaseAddress.ToString())}",
            "engine.download.poll.initial-delay=200ms",
            "engine.download.poll.max-delay=500ms",
            .. settings,
        ];
    }

    public EmulatorServer Emulator { get; }

    public TempDirectory Temp { get; } = new();

    /// <summary>Starts an emulator with <paramref name="emulatorSettings"/> and a cluster whose engines also take <paramref name="engineSettings"/>.</summary>
    public static async Task<ClusterRun> StartAsync(PostgreSqlServerFixture postgres, string[] engineSettings, params string[] emulatorSettings)
    {
        var database = await postgres.CreateDatabaseAsync("cluster");
        var emulator = await EmulatorServer.StartAsync(EmulatorOptions.Parse(emulatorSettings));
        return new ClusterRun(database, emulator, engineSettings);
    }

    /// <summary>The settings every engine of this cluster runs with, and <paramref name="extra"/> overrides, for engines and clients in this process.</summary>
    public TransferEngineOptions Options(params string[] extra) => TransferEngineOptions.Load(overrides: [.. _settings, .. extra]);

    /// <summary>Starts <c>engine node</c> as <paramref name="id"/> (not waiting for it to join).</summary>
    public NodeProcess StartNode(string id)
    {
        var node = new NodeProcess(id, EngineProcess.Start(new EngineRun(Temp.Path, ["node", .. Sets($"engine.cluster.node-id={id}")]) { Token = Token }));
        _nodes.Add(node);
        return node;
    }

    /// <summary>Starts nodes and waits until each has joined and the shards are spread evenly over them.</summary>
    public async Task<NodeProcess[]> StartNodesAsync(params string[] ids)
    {
        var nodes = ids.Select(StartNode).ToArray();
        foreach (var node in nodes) await node.WaitUntilAsync(n => n.Count("joined") == 1, "joined the cluster");
        await WaitForSpreadAsync(ids);
        return nodes;
    }

    /// <summary>Waits until exactly <paramref name="ids"/> own every shard, ⌊N/n⌋ or ⌈N/n⌉ each.</summary>
    public async Task WaitForSpreadAsync(params string[] ids)
    {
        var fair = new[] { ShardCount / ids.Length, (ShardCount + ids.Length - 1) / ids.Length };
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            var owners = await ShardOwnersAsync();
            if (owners.Keys.Order().SequenceEqual(ids.Order()) && owners.Values.All(fair.Contains) && owners.Values.Sum() == ShardCount) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The shards did not spread over {string.Join(", ", ids)} within {Generous} " +
                                           $"(owners: {string.Join(", ", owners.Select(o => $"{o.Key}={o.Value}"))}).\n{NodeOutput()}");
            await Task.Delay(100);
        }
    }

    /// <summary>Per node, the shards it holds under a valid lease now (read from the cluster's tables).</summary>
    public async Task<IReadOnlyDictionary<string, int>> ShardOwnersAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT l.owner_node, COUNT(*) FROM shard_leases l JOIN cluster_nodes n ON n.node_id = l.owner_node " +
            "AND n.incarnation = l.owner_incarnation AND n.expires_at > @now GROUP BY l.owner_node", connection);
        command.Parameters.AddWithValue("now", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync();
        var owners = new Dictionary<string, int>();
        while (await reader.ReadAsync()) owners[reader.GetString(0)] = (int)reader.GetInt64(1);
        return owners;
    }

    /// <summary>When the lease of <paramref name="node"/>'s current incarnation expires (or expired), as its last renewal recorded it.</summary>
    public async Task<DateTimeOffset> LeaseExpiryAsync(string node)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT expires_at FROM cluster_nodes WHERE node_id = @node", connection);
        command.Parameters.AddWithValue("node", node);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(await command.ExecuteScalarAsync())!);
    }

    /// <summary>Writes <paramref name="count"/> files of seeded random content, sizes spread over <paramref name="minSize"/>..<paramref name="maxSize"/>.</summary>
    public IReadOnlyList<string> WriteFiles(int count, int minSize, int maxSize)
    {
        var sizes = new Random(count);
        return Enumerable.Range(0, count)
            .Select(i => TestFiles.Write(Temp.File($"media-{i:D3}.bin"), sizes.Next(minSize, maxSize + 1), seed: i))
            .ToList();
    }

    /// <summary>Runs <c>engine submit</c> (a client, not a node) and returns the transfer id of each source.</summary>
    public async Task<IReadOnlyDictionary<string, string>> SubmitAsync(IEnumerable<string> files, IEnumerable<(string FileId, string Path)>? downloads = null)
    {
        var result = await EngineProcess.RunAsync(new EngineRun(Temp.Path,
            ["submit", .. files, .. (downloads ?? []).SelectMany(d => new[] { "--download", $"{d.FileId}={d.Path}" }), .. Sets()]) { Timeout = Generous });
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.StdoutLines.Select(line => JsonDocument.Parse(line).RootElement)
            .ToDictionary(line => line.GetProperty("source").GetString()!, line => line.GetProperty("transferId").GetString()!);
    }

    /// <summary>Every transfer in the cluster's journal, read as <c>engine list</c> reads it (in this process, to spare a process start).</summary>
    public Task<IReadOnlyList<TransferStatus>> JournalAsync() => TransferJournalQuery.ListAsync(Options());

    /// <summary>Stops every node gracefully at once and checks that each handed its shards off and exited cleanly.</summary>
    public async Task StopNodesAsync(params IEnumerable<NodeProcess> nodes)
    {
        await Task.WhenAll(nodes.Select(node => node.StopAsync()));
        Assert.Empty(await ShardOwnersAsync());
    }

    /// <summary>The upload sessions <paramref name="node"/> drove that hold some bytes but not all yet: transfers it is in the middle of.</summary>
    public IReadOnlyList<string> SessionsInFlight(string node)
    {
        var sessions = Emulator.Inspector.Sessions.ToDictionary(s => s.UploadId);
        return SessionLog.Of(Emulator.Inspector.Requests).DrivenBy(node)
            .Where(id => sessions.TryGetValue(id, out var s) && s.StoredLength > 0 && s.StoredLength < s.DeclaredLength)
            .ToList();
    }

    /// <summary>Writes and submits <paramref name="count"/> files, then waits until <paramref name="nodes"/> are in the middle of <paramref name="underway"/> of them.</summary>
    public async Task<IReadOnlyList<string>> SubmitAndWaitUnderwayAsync(int count, int minSize, int maxSize, int underway, params NodeProcess[] nodes)
    {
        var files = WriteFiles(count, minSize, maxSize);
        await SubmitAsync(files);
        await Eventually.HoldsAsync(() => nodes.Sum(node => SessionsInFlight(node.Id).Count) >= underway,
            $"{string.Join(", ", nodes.Select(n => n.Id))} to be in the middle of {underway} uploads", Generous);
        return files;
    }

    /// <summary>Waits until the emulator completed <paramref name="count"/> uploads, then checks each stored file byte for byte against its source.</summary>
    public async Task AssertUploadedByteExactAsync(IReadOnlyList<string> files)
    {
        await Eventually.HoldsAsync(() => Emulator.Inspector.CompletedUploads.Count >= files.Count, $"{files.Count} uploads to complete", Generous);
        var stored = Emulator.Inspector.CompletedUploads.ToDictionary(u => u.Title!, u => u.Sha256);
        Assert.Equal(files.Count, stored.Count);
        Assert.All(files, file => Assert.Equal(TestFiles.Sha256(file), stored[Path.GetFileName(file)]));
    }

    /// <summary>Reads the journal until every transfer in it completed, and returns them.</summary>
    public async Task<IReadOnlyList<TransferStatus>> WaitForJournalCompletedAsync(int count)
    {
        var deadline = DateTime.UtcNow + Generous;
        while (true)
        {
            var transfers = await JournalAsync();
            if (transfers.Count == count && transfers.All(t => t.Phase == TransferPhase.Completed)) return transfers;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The journal did not record {count} completed transfers within {Generous}: " +
                                           string.Join(", ", transfers.GroupBy(t => t.Phase).Select(g => $"{g.Count()} {g.Key}")) + $"\n{NodeOutput()}");
            await Task.Delay(250);
        }
    }

    /// <summary>The output of every node, for failure messages.</summary>
    public string NodeOutput() => string.Join("\n\n", _nodes);

    private string[] Sets(params string[] extra) => [.. _settings.Concat(extra).SelectMany(setting => new[] { "--set", setting })];

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes) node.Dispose();
        await Emulator.DisposeAsync();
        Temp.Dispose();
    }

    private static TimeSpan Seconds(string variable, int fallback) =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable(variable), out var seconds) ? seconds : fallback);

    /// <summary>Milliseconds, for reports.</summary>
    public static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture) + " ms";
}
