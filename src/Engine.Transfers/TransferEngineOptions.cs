using Engine.Cluster;
using Engine.Hocon;
using Engine.Protocol.Download;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Upload;
using Engine.Transfers.Configuration;
using Engine.Transfers.Tokens;

namespace Engine.Transfers;

/// <summary>
/// Every setting a <see cref="TransferEngine"/> runs with, one property per section of <c>hocon/engine.conf</c>.
/// Build it with <see cref="Load"/> (defaults, then a user file, then <c>key=value</c> overrides) or
/// <see cref="FromConfig"/>; or create it in code, where the defaults equal those of <c>engine.conf</c>.
/// </summary>
/// <example>
/// <code>
/// var options = TransferEngineOptions.Load(overrides: ["engine.persistence.sqlite.path=/var/lib/engine/journal.db"]);
/// await using var engine = await TransferEngine.StartAsync(options, new EnvironmentAccessTokenSource("ENGINE_TOKEN"));
/// </code>
/// </example>
public sealed class TransferEngineOptions
{
    /// <summary><c>engine.actors</c>: mailboxes, ask and shutdown timeouts.</summary>
    public ActorsOptions Actors { get; set; } = new();

    /// <summary><c>engine.persistence</c>: journal provider, snapshots, recovery limit, restart backoff.</summary>
    public EnginePersistenceOptions Persistence { get; set; } = new();

    /// <summary><c>engine.retry</c>: backoff, attempts, stall timeout and deadline of every request.</summary>
    public RetryOptions Retry { get; set; } = new();

    /// <summary><c>engine.upload</c>: endpoint, chunk size, session restarts, I/O buffer.</summary>
    public UploadOptions Upload { get; set; } = new();

    /// <summary><c>engine.download</c>: Drive endpoint, operation polling, segments, I/O buffer.</summary>
    public DownloadOptions Download { get; set; } = new();

    /// <summary><c>engine.supervisor</c>: admission limits.</summary>
    public SupervisorOptions Supervisor { get; set; } = new();

    /// <summary><c>engine.http</c>: wire trace and the hosts that may receive the token.</summary>
    public HttpOptions Http { get; set; } = new();

    /// <summary><c>engine.tokens</c>: the access token source used when none is passed in code.</summary>
    public TokenOptions Tokens { get; set; } = new();

    /// <summary><c>engine.cluster</c>: several nodes sharing the transfers through PostgreSQL (off: one node).</summary>
    public ClusterOptions Cluster { get; set; } = new();

    /// <summary>
    /// Loads <c>hocon/engine.conf</c>'s defaults, then <paramref name="userFile"/> (when given), then
    /// <paramref name="overrides"/> (<c>engine.retry.initial-delay=250ms</c>), and binds them.
    /// </summary>
    /// <exception cref="HoconException">A file is missing or malformed, or a setting is unknown or has a bad value.</exception>
    public static TransferEngineOptions Load(string? userFile = null, IEnumerable<string>? overrides = null) =>
        FromConfig(EngineConfig.Load(userFile, overrides));

    /// <summary>Binds the sections of a resolved configuration that holds an <c>engine</c> object.</summary>
    public static TransferEngineOptions FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return new TransferEngineOptions
        {
            Actors = config.GetConfig("engine.actors").Bind<ActorsOptions>(),
            Persistence = config.GetConfig("engine.persistence").Bind<EnginePersistenceOptions>(),
            Retry = config.GetConfig("engine.retry").Bind<RetryOptions>(),
            Upload = config.GetConfig("engine.upload").Bind<UploadOptions>(),
            Download = config.GetConfig("engine.download").Bind<DownloadOptions>(),
            Supervisor = config.GetConfig("engine.supervisor").Bind<SupervisorOptions>(),
            Http = config.GetConfig("engine.http").Bind<HttpOptions>(),
            Tokens = config.GetConfig("engine.tokens").Bind<TokenOptions>(),
            Cluster = config.GetConfig("engine.cluster").Bind<ClusterOptions>(),
        };
    }

    /// <summary>Throws a clear error naming the first invalid setting.</summary>
    public void Validate()
    {
        Retry.Validate();
        Upload.Validate();
        Download.Validate();
        Persistence.ToSqlOptions().Validate();
        Require(Actors.MailboxCapacity >= 1, "engine.actors.mailbox-capacity", Actors.MailboxCapacity, "must be at least 1");
        Require(Actors.AskTimeout > TimeSpan.Zero, "engine.actors.ask-timeout", Actors.AskTimeout, "must be positive");
        Require(Actors.ShutdownTimeout > TimeSpan.Zero, "engine.actors.shutdown-timeout", Actors.ShutdownTimeout, "must be positive");
        Require(Persistence.SnapshotEvery >= 0, "engine.persistence.snapshot-every", Persistence.SnapshotEvery, "must not be negative");
        Require(Persistence.Recovery.MaxConcurrent >= 1, "engine.persistence.recovery.max-concurrent", Persistence.Recovery.MaxConcurrent, "must be at least 1");
        Require(Persistence.Backoff.MinBackoff > TimeSpan.Zero, "engine.persistence.backoff.min-backoff", Persistence.Backoff.MinBackoff, "must be positive");
        Require(Persistence.Backoff.MaxBackoff >= Persistence.Backoff.MinBackoff, "engine.persistence.backoff.max-backoff", Persistence.Backoff.MaxBackoff, "must be at least min-backoff");
        Require(Persistence.Backoff.RandomFactor >= 0, "engine.persistence.backoff.random-factor", Persistence.Backoff.RandomFactor, "must not be negative");
        Require(Supervisor.MaxActiveTransfers >= 1, "engine.supervisor.max-active-transfers", Supervisor.MaxActiveTransfers, "must be at least 1");
        Require(Supervisor.MaxConnectionsPerHost >= 1, "engine.supervisor.max-connections-per-host", Supervisor.MaxConnectionsPerHost, "must be at least 1");
        var largest = Enum.GetValues<TransferKind>().Max(BufferBytesOf);
        Require(Supervisor.MaxBytesInFlight >= largest, "engine.supervisor.max-bytes-in-flight", Supervisor.MaxBytesInFlight,
            $"must hold at least one transfer's I/O buffers ({largest} bytes: engine.upload.buffer-size, engine.download.segments × engine.download.buffer-size)");
        Require(Supervisor.MaxPendingStarts >= 1, "engine.supervisor.max-pending-starts", Supervisor.MaxPendingStarts, "must be at least 1");
        Require(Supervisor.StartTimeout > TimeSpan.Zero, "engine.supervisor.start-timeout", Supervisor.StartTimeout, "must be positive");
        Require(Supervisor.PassivateWaitsOver >= TimeSpan.Zero, "engine.supervisor.passivate-waits-over", Supervisor.PassivateWaitsOver, "must not be negative");
        Clustering.ClusterMode.Validate(this);
    }

    /// <summary>The I/O buffer bytes one running transfer of <paramref name="kind"/> holds at most (its share of <c>max-bytes-in-flight</c>).</summary>
    internal long BufferBytesOf(TransferKind kind) => kind switch
    {
        TransferKind.Upload => Upload.BufferSize,
        TransferKind.Download => (long)Download.Segments * Download.BufferSize,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transfer kind."),
    };

    private static void Require(bool condition, string key, object value, string rule)
    {
        if (!condition) throw new ArgumentException($"Setting {key} = {value} is invalid: it {rule}. Fix it in engine.conf or with --set {key}=….");
    }
}
