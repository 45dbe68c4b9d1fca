namespace Engine.Hocon.Tests;

/// <summary><c>hocon/engine.conf</c>: parses, declares every setting with its stated default, and layers correctly.</summary>
public sealed class EngineConfTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>The defaults the issues fix; sizes are <c>long</c> bytes, counts <c>int</c>.</summary>
    public static TheoryData<string, object> Defaults => new()
    {
        { "engine.actors.mailbox-capacity", 1000 },
        { "engine.actors.ask-timeout", TimeSpan.FromSeconds(10) },
        { "engine.actors.shutdown-timeout", TimeSpan.FromSeconds(30) },
        { "engine.persistence.provider", "sqlite" },
        { "engine.persistence.snapshot-every", 100 },
        { "engine.persistence.recovery.max-concurrent", 32 },
        { "engine.persistence.backoff.min-backoff", TimeSpan.FromMilliseconds(200) },
        { "engine.persistence.backoff.max-backoff", TimeSpan.FromSeconds(30) },
        { "engine.persistence.backoff.random-factor", 0.2 },
        { "engine.persistence.backoff.reset-after", TimeSpan.FromSeconds(30) },
        { "engine.persistence.group-commit.max-batch-size", 500 },
        { "engine.persistence.group-commit.queue-capacity", 10000 },
        { "engine.persistence.sqlite.path", "engine-data/journal.db" },
        { "engine.persistence.sqlite.synchronous", "full" },
        { "engine.persistence.sqlite.pipelined-fsync", true },
        { "engine.persistence.sqlite.cache-size", 64L * 1024 * 1024 },
        { "engine.persistence.sqlite.wal-checkpoint-size", 64L * 1024 * 1024 },
        { "engine.persistence.sqlite.busy-timeout", TimeSpan.FromSeconds(5) },
        { "engine.persistence.postgresql.schema", "public" },
        { "engine.persistence.postgresql.writers", 2 },
        { "engine.retry.initial-delay", TimeSpan.FromSeconds(1) },
        { "engine.retry.max-delay", TimeSpan.FromSeconds(60) },
        { "engine.retry.multiplier", 2.0 },
        { "engine.retry.jitter", "full" },
        { "engine.retry.max-attempts", 10 },
        { "engine.retry.stall-timeout", TimeSpan.FromSeconds(60) },
        { "engine.retry.deadline", TimeSpan.FromHours(24) },
        { "engine.upload.endpoint", "https://www.googleapis.com" },
        { "engine.upload.chunk-size", 0L },
        { "engine.upload.max-session-restarts", 3 },
        { "engine.upload.buffer-size", 128L * 1024 },
        { "engine.download.endpoint", "https://www.googleapis.com" },
        { "engine.download.poll.initial-delay", TimeSpan.FromSeconds(10) },
        { "engine.download.poll.max-delay", TimeSpan.FromMinutes(5) },
        { "engine.download.poll.multiplier", 2.0 },
        { "engine.download.poll.jitter", "full" },
        { "engine.download.poll.deadline", TimeSpan.FromHours(12) },
        { "engine.download.operation-lifetime", TimeSpan.FromHours(12) },
        { "engine.download.segments", 4 },
        { "engine.download.segment-size", 64L * 1024 * 1024 },
        { "engine.download.buffer-size", 128L * 1024 },
        { "engine.supervisor.max-active-transfers", 1000 },
        { "engine.supervisor.max-bytes-in-flight", 256L * 1024 * 1024 },
        { "engine.supervisor.max-connections-per-host", 64 },
        { "engine.supervisor.max-pending-starts", 256 },
        { "engine.supervisor.start-timeout", TimeSpan.FromMinutes(5) },
        { "engine.supervisor.passivate-waits-over", TimeSpan.FromSeconds(30) },
        { "engine.tokens.source", "environment" },
        { "engine.tokens.variable", "ENGINE_TOKEN" },
        { "engine.tokens.command", Array.Empty<string>() },
        { "engine.tokens.command-timeout", TimeSpan.FromSeconds(30) },
        { "engine.cluster.enabled", false },
        { "engine.cluster.schema", "public" },
        { "engine.cluster.shard-count", 120 },
        { "engine.cluster.lease-duration", TimeSpan.FromSeconds(15) },
        { "engine.cluster.renew-interval", TimeSpan.FromSeconds(3) },
        { "engine.cluster.max-pending-commands", 1000 },
        { "engine.cluster.command-timeout", TimeSpan.FromSeconds(30) },
        { "engine.http.wire-trace", false },
        { "engine.http.allowed-token-hosts", Array.Empty<string>() },
    };

    private const string ConnectionStringKey = "engine.persistence.postgresql.connection-string";

    /// <summary>Settings taken only from environment variables, directly or through another such setting (absent when unset), so they have no stated default.</summary>
    private static readonly string[] EnvironmentOnlyKeys = [ConnectionStringKey, "engine.cluster.connection-string", "engine.cluster.node-id", "engine.tokens.file"];

    [Theory]
    [MemberData(nameof(Defaults))]
    public void Every_setting_has_its_stated_default(string path, object expected)
    {
        Assert.Equal(expected, Read(EngineConfig.LoadDefaults(), path, expected));
    }

    [Fact]
    public void The_file_declares_exactly_the_stated_settings()
    {
        var stated = Defaults.Select(row => (string)row[0]).Concat(EnvironmentOnlyKeys).Order(StringComparer.Ordinal);

        Assert.Equal(stated, EngineConfig.LoadDefaults().DeclaredKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_file_on_disk_parses_like_the_embedded_copy()
    {
        var fromDisk = HoconConfig.Load(RepositoryFiles.PathOf("hocon/engine.conf"));

        Assert.Equal(EngineConfig.LoadDefaults().DeclaredKeys, fromDisk.DeclaredKeys);
        Assert.EndsWith("engine.conf", fromDisk.OriginOf("engine.retry.max-delay").Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_connection_string_comes_only_from_ENGINE_POSTGRESQL()
    {
        var original = Environment.GetEnvironmentVariable("ENGINE_POSTGRESQL");
        try
        {
            Environment.SetEnvironmentVariable("ENGINE_POSTGRESQL", null);
            Assert.False(EngineConfig.LoadDefaults().HasPath(ConnectionStringKey));

            Environment.SetEnvironmentVariable("ENGINE_POSTGRESQL", "Host=127.0.0.1;Port=5433");
            Assert.Equal("Host=127.0.0.1;Port=5433", EngineConfig.LoadDefaults().GetString(ConnectionStringKey));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ENGINE_POSTGRESQL", original);
        }
    }

    [Fact]
    public void The_cluster_uses_the_journals_connection_string_unless_told_otherwise()
    {
        var original = Environment.GetEnvironmentVariable("ENGINE_POSTGRESQL");
        try
        {
            Environment.SetEnvironmentVariable("ENGINE_POSTGRESQL", null);
            Assert.False(EngineConfig.LoadDefaults().HasPath("engine.cluster.connection-string"));

            var config = EngineConfig.Load(overrides: [$"{ConnectionStringKey}=\"Host=db;Database=engine\""]);

            Assert.Equal("Host=db;Database=engine", config.GetString("engine.cluster.connection-string"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("ENGINE_POSTGRESQL", original);
        }
    }

    [Fact]
    public void Layers_are_defaults_then_file_then_overrides()
    {
        var file = _dir.Write("engine.conf", """
            engine.retry { initial-delay = 2s, max-delay = 30s }
            engine.download.segments = 8
            """);

        var config = EngineConfig.Load(file, ["engine.retry.max-delay=10s", "engine.download.poll.initial-delay=1s"]);

        Assert.Equal(TimeSpan.FromSeconds(2), config.GetDuration("engine.retry.initial-delay"));
        Assert.Equal(TimeSpan.FromSeconds(10), config.GetDuration("engine.retry.max-delay"));
        Assert.Equal(8, config.GetInt("engine.download.segments"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("engine.download.poll.initial-delay"));
        Assert.Equal(10, config.GetInt("engine.retry.max-attempts"));
        Assert.Equal(TimeSpan.FromSeconds(30), EngineConfig.Load().GetDuration("engine.actors.shutdown-timeout"));
    }

    [Fact]
    public void A_user_file_may_not_set_unknown_settings()
    {
        var file = _dir.Write("engine.conf", "engine {\n  retry { max-atempts = 3 }\n}");

        var error = Assert.Throws<HoconException>(() => EngineConfig.Load(file));

        Assert.Contains("Unknown setting 'engine.retry.max-atempts' (", error.Message, StringComparison.Ordinal);
        Assert.Contains("engine.conf:2:25). Nearest known settings: engine.retry.max-attempts,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_override_is_refused()
    {
        var error = Assert.Throws<HoconException>(() => EngineConfig.Load(overrides: ["engine.download.pol.max-delay=1m"]));

        Assert.Contains("Nearest known settings: engine.download.poll.max-delay,", error.Message, StringComparison.Ordinal);
    }

    private static object Read(HoconConfig config, string path, object expected) => expected switch
    {
        TimeSpan => config.GetDuration(path),
        long => config.GetBytes(path),
        int => config.GetInt(path),
        double => config.GetDouble(path),
        bool => config.GetBoolean(path),
        string[] => config.GetList<string>(path).ToArray(),
        _ => config.GetString(path),
    };
}
