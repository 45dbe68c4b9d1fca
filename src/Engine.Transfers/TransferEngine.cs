using System.Runtime.CompilerServices;
using Engine.Actors;
using Engine.Actors.Persistence;
using Engine.Persistence.Sql;
using Engine.Protocol.Http;
using Engine.Transfers.Clustering;
using Engine.Transfers.Composition;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Downloads;
using Engine.Transfers.Persistence;
using Engine.Transfers.Supervision;
using Engine.Transfers.Tokens;
using Engine.Transfers.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Transfers;

/// <summary>
/// The engine's front door: start transfers, follow them, pause, resume or cancel them. One instance owns a journal
/// (SQLite file or PostgreSQL schema), an actor system with the <c>TransferSupervisor</c>, and one tuned
/// <see cref="HttpClient"/>. Starting it re-runs every unfinished transfer found in the journal; disposing it stops
/// gracefully (requests in flight are cancelled, every acknowledged byte is already recorded, the journal is flushed),
/// and a later engine on the same journal continues from where the server acknowledged. In a
/// Microsoft.Extensions.Hosting application, <see cref="Hosting.TransferEngineServiceCollectionExtensions.AddTransferEngine"/>
/// runs it as a hosted service instead. With <c>engine.cluster.enabled</c> it is one node of a cluster (docs/cluster.md):
/// it runs the transfers of the shards it owns, and answers for any transfer by routing to its owner.
/// </summary>
/// <example>
/// <code>
/// var options = TransferEngineOptions.Load(overrides: ["engine.upload.endpoint=http://127.0.0.1:8080"]);
/// await using var engine = await TransferEngine.StartAsync(options, new EnvironmentAccessTokenSource());
/// var id = await engine.StartUploadAsync(new UploadRequest("movie.mp4") { ContentType = "video/mp4" });
/// var status = await engine.WaitForCompletionAsync(id);
/// Console.WriteLine(status.ResourceJson);
/// </code>
/// </example>
public sealed class TransferEngine : IAsyncDisposable
{
    private readonly TransferEngineOptions _options;
    private readonly SqlPersistence _persistence;
    private readonly HttpClient _http;
    private readonly ActorSystem _system;
    private readonly IActorRef<SupervisorCommand> _supervisor;
    private readonly TransferStatusFeed _feed;
    private readonly TransferMetrics _metrics;
    private readonly StartGate _starts;
    private readonly ILogger _log;
    private readonly ClusterNode? _cluster;
    private int _disposed;

    private TransferEngine(TransferEngineOptions options, SqlPersistence persistence, HttpClient http, ActorSystem system,
        IActorRef<SupervisorCommand> supervisor, TransferStatusFeed feed, TransferMetrics metrics, ILogger log, ClusterNode? cluster)
    {
        _cluster = cluster;
        _options = options;
        _starts = new StartGate(options.Supervisor.MaxPendingStarts, options.Supervisor.StartTimeout, system.TimeProvider);
        _persistence = persistence;
        _http = http;
        _system = system;
        _supervisor = supervisor;
        _feed = feed;
        _metrics = metrics;
        _log = log;
    }

    /// <summary>
    /// Opens the journal, reads every transfer in it, starts the actor system and re-runs the unfinished transfers
    /// (under <c>engine.supervisor.max-active-transfers</c> and <c>engine.persistence.recovery.max-concurrent</c>).
    /// In cluster mode it joins the cluster instead, and re-runs the unfinished transfers of each shard it acquires.
    /// </summary>
    /// <param name="options">The settings, e.g. from <see cref="TransferEngineOptions.Load"/>.</param>
    /// <param name="tokens">Where access tokens come from; they are never stored.</param>
    /// <param name="loggerFactory">Where the engine logs; nothing is logged when omitted.</param>
    /// <param name="timeProvider">The clock of backoffs, deadlines and timestamps; the system clock when omitted.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <exception cref="ArgumentException">A setting is invalid; the message names it.</exception>
    public static Task<TransferEngine> StartAsync(TransferEngineOptions options, IAccessTokenSource tokens, ILoggerFactory? loggerFactory = null,
        TimeProvider? timeProvider = null, CancellationToken cancellationToken = default) =>
        StartAsync(options, tokens, loggerFactory, timeProvider, journalDecorator: null, cancellationToken);

    /// <summary>As the public overload, with the journal wrapped by <paramref name="journalDecorator"/> (fault injection in tests).</summary>
    internal static async Task<TransferEngine> StartAsync(TransferEngineOptions options, IAccessTokenSource tokens, ILoggerFactory? loggerFactory,
        TimeProvider? timeProvider, Func<IJournal, IJournal>? journalDecorator, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokens);
        options.Validate();
        loggerFactory ??= NullLoggerFactory.Instance;
        var time = timeProvider ?? TimeProvider.System;
        var cluster = options.Cluster.Enabled ? await ClusterNode.OpenAsync(options, time, loggerFactory, cancellationToken).ConfigureAwait(false) : null;
        SqlPersistence? persistence = null;
        TransferEngine engine;
        try
        {
            persistence = cluster is null
                ? await EnginePersistence.OpenAsync(options.Persistence, time, cancellationToken).ConfigureAwait(false)
                : await EnginePersistence.OpenAsync(cluster.JournalOptions(options.Persistence), cluster.Fence, time, cancellationToken).ConfigureAwait(false);
            var journal = journalDecorator?.Invoke(persistence.Journal) ?? persistence.Journal;
            // A cluster node reads each shard's transfers when it acquires the shard.
            var recovered = cluster is not null ? [] : await TransferJournalReader.ReadAllAsync(journal, persistence.SnapshotStore, TransferKinds.JournalViews,
                options.Persistence.Recovery.MaxConcurrent, cancellationToken).ConfigureAwait(false);
            var http = ProtocolHttp.CreateClient(options.Http, loggerFactory.CreateLogger("Engine.Protocol.WireTrace"), options.Supervisor.MaxConnectionsPerHost);
            cluster?.Identify(http);
            var system = ActorSystem.Create("engine", new ActorSystemOptions
            {
                TimeProvider = time,
                LoggerFactory = loggerFactory,
                DefaultMailboxCapacity = options.Actors.MailboxCapacity,
                Persistence = new PersistenceOptions
                {
                    Journal = journal,
                    SnapshotStore = persistence.SnapshotStore,
                    MaxConcurrentRecoveries = options.Persistence.Recovery.MaxConcurrent,
                    SnapshotEvery = options.Persistence.SnapshotEvery,
                },
            });
            var feed = new TransferStatusFeed();
            foreach (var status in recovered) feed.Publish(status);
            var metrics = new TransferMetrics();
            var kinds = TransferKinds.Handlers(new UploadRuntime(http, options, tokens, time, Random.Shared, metrics),
                new DownloadRuntime(http, options, tokens, time, Random.Shared, metrics));
            var supervisor = system.ActorOf(TransferSupervisor.Props(kinds, recovered, options.Supervisor, options.Persistence.Backoff, feed, metrics), "transfers");
            var log = loggerFactory.CreateLogger<TransferEngine>();
            engine = new TransferEngine(options, persistence, http, system, supervisor, feed, metrics, log, cluster);
            if (cluster is null)
            {
                log.LogInformation("Engine started: {Transfers} transfers in the journal, {Unfinished} unfinished",
                    recovered.Count, recovered.Count(s => !s.Phase.IsFinished()));
                return engine;
            }
        }
        catch
        {
            if (persistence is not null) await persistence.DisposeAsync().ConfigureAwait(false);
            if (cluster is not null) await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        try
        {
            await cluster.StartAsync(engine._supervisor, engine._system.Options.Persistence.Journal, engine._persistence.SnapshotStore, cancellationToken)
                .ConfigureAwait(false);
            return engine;
        }
        catch
        {
            await engine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>This engine as a node of a cluster (its id, its shards, their changes); <c>null</c> in single-node mode.</summary>
    public ClusterNode? Cluster => _cluster;

    /// <summary>
    /// This engine's instruments (meter <c>Engine.Transfers</c>); the journal's are on <see cref="JournalMeter"/>
    /// (<c>Engine.Persistence</c>). See <c>docs/operations.md</c> for every instrument.
    /// </summary>
    public TransferMetrics Metrics => _metrics;

    /// <summary>The journal's meter (<c>Engine.Persistence</c>): group-commit batch sizes, commit latency, failed writes.</summary>
    public System.Diagnostics.Metrics.Meter JournalMeter => _persistence.Metrics.Meter;

    /// <summary>
    /// Validates <paramref name="request"/> (the file exists, chunk size, endpoint, content type, metadata JSON),
    /// fingerprints the file, records the upload in the journal and returns its id (<c>upload-…</c>). The upload
    /// starts at once, or waits as <see cref="TransferPhase.Queued"/> for an admission slot. Many starts at once are
    /// back-pressured: at most <c>engine.supervisor.max-pending-starts</c> are recorded at a time, the rest wait here.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A setting of the request is invalid; the message names it and what to do.</exception>
    /// <exception cref="EngineBusyException">The start waited longer than <c>engine.supervisor.start-timeout</c> for its turn.</exception>
    public async Task<string> StartUploadAsync(UploadRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var order = await Task.Run(() => UploadOrder.Prepare(request, _options.Upload), cancellationToken).ConfigureAwait(false);
        return await StartAsync(TransferKind.Upload, order, request.FilePath, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Validates <paramref name="request"/> (file id, resource key, destination, endpoint), records the download in the
    /// journal and returns its id (<c>download-…</c>). It starts at once, or waits as <see cref="TransferPhase.Queued"/>
    /// for an admission slot; the destination appears only once complete (<see cref="TransferStatus.Sha256"/>). Many
    /// starts at once are back-pressured as with <see cref="StartUploadAsync"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A setting of the request is invalid (e.g. the destination exists); the message names it and what to do.</exception>
    /// <exception cref="EngineBusyException">The start waited longer than <c>engine.supervisor.start-timeout</c> for its turn.</exception>
    public async Task<string> StartDownloadAsync(DownloadRequest request, CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        var order = await Task.Run(() => DownloadOrder.Prepare(request, _options.Download), cancellationToken).ConfigureAwait(false);
        return await StartAsync(TransferKind.Download, order, request.FileId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands a validated order to the supervisor (or, in cluster mode, to the owner of one of this node's shards) once
    /// the start gate lets it through; answers with the new id.
    /// </summary>
    private Task<string> StartAsync(TransferKind kind, object order, string source, CancellationToken cancellationToken) =>
        _starts.RunAsync(source, () => _cluster is not null
            ? _cluster.StartTransferAsync(kind, order, cancellationToken)
            : _supervisor.Ask<SupervisorCommand, string>(replyTo => new StartTransfer(kind, order, replyTo), _options.Actors.AskTimeout,
                cancellationToken), cancellationToken);

    /// <summary>The status of transfer <paramref name="transferId"/>; live figures (bytes sent) while it runs.</summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    public Task<TransferStatus> GetStatusAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAboutAsync(transferId, TransferAction.Status, cancellationToken);

    /// <summary>
    /// Every transfer this engine knows (running, queued, and finished ones read from the journal), oldest first. A
    /// cluster node knows the transfers that ran on it (those that moved away at their last status here);
    /// <see cref="TransferJournalQuery"/> lists every transfer of the cluster.
    /// </summary>
    public Task<IReadOnlyList<TransferStatus>> ListAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_feed.All());
    }

    /// <summary>Pauses the transfer: the request in flight is cancelled and the pause recorded. Answers with the new status.</summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    public Task<TransferStatus> PauseAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAboutAsync(transferId, TransferAction.Pause, cancellationToken);

    /// <summary>
    /// Queues a paused (or failed) transfer to run again; it asks the server what it stored and continues from there.
    /// Answers with the status (queued until a slot is free). Other transfers are left as they are.
    /// </summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    public Task<TransferStatus> ResumeAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAboutAsync(transferId, TransferAction.Resume, cancellationToken);

    /// <summary>Cancels the transfer for good (the request in flight is cancelled). Answers with the final status.</summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    public Task<TransferStatus> CancelAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAboutAsync(transferId, TransferAction.Cancel, cancellationToken);

    /// <summary>Completes with the final status once the transfer is completed, failed or cancelled (in a cluster: wherever it runs).</summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    public async Task<TransferStatus> WaitForCompletionAsync(string transferId, CancellationToken cancellationToken = default)
    {
        if (_cluster is not null) return await _cluster.WaitForCompletionAsync(transferId, _feed, cancellationToken).ConfigureAwait(false);
        if (_feed.Latest(transferId) is null) throw new UnknownTransferException(transferId);
        return await _feed.WhenFinished(transferId).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The status of one transfer (or, with <paramref name="transferId"/> <c>null</c>, of every transfer) now and at each
    /// change: recorded events, retries, and live progress about once a second while bytes move. For one transfer
    /// the sequence ends with its final status; otherwise it runs until cancelled or the engine is disposed. A slow
    /// reader skips intermediate statuses rather than slowing the engine. A cluster node watches the transfers that run on it.
    /// </summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    public async IAsyncEnumerable<TransferStatus> WatchAsync(string? transferId = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        using var subscription = _feed.Subscribe();
        if (transferId is not null)
        {
            var current = _feed.Latest(transferId) ?? throw new UnknownTransferException(transferId);
            yield return current;
            if (current.Phase.IsFinished()) yield break;
        }
        else
        {
            foreach (var status in _feed.All()) yield return status;
        }
        await foreach (var status in subscription.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            if (transferId is not null && status.Id != transferId) continue;
            yield return status;
            if (transferId is not null && status.Phase.IsFinished()) yield break;
        }
    }

    /// <summary>
    /// Stops gracefully: every transfer actor cancels its request in flight and stops after its pending journal
    /// writes (at most <c>engine.actors.shutdown-timeout</c>), then the journal is flushed and closed. Unfinished
    /// transfers continue when an engine is next started on the same journal.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        // A node hands its shards off first (their actors stop after their writes), so the others take them at once.
        if (_cluster is not null) await _cluster.LeaveAsync().ConfigureAwait(false);
        try
        {
            await _system.TerminateAsync().WaitAsync(_options.Actors.ShutdownTimeout, _system.TimeProvider).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("Actors did not stop within engine.actors.shutdown-timeout ({Timeout}); closing the journal anyway. Unfinished transfers resume from their last recorded event.",
                _options.Actors.ShutdownTimeout);
        }
        finally
        {
            _feed.Complete();
            await _persistence.DisposeAsync().ConfigureAwait(false);
            if (_cluster is not null) await _cluster.DisposeAsync().ConfigureAwait(false);
            _http.Dispose();
            _metrics.Dispose();
        }
    }

    private async Task<TransferStatus> AskAboutAsync(string transferId, TransferAction request, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        ArgumentException.ThrowIfNullOrWhiteSpace(transferId);
        if (_cluster is not null) return await _cluster.AskAsync(transferId, request, cancellationToken).ConfigureAwait(false);
        // The feed knows every transfer the supervisor knows (a new one before its id is handed out).
        if (_feed.Latest(transferId) is null) throw new UnknownTransferException(transferId);
        return await _supervisor.Ask<SupervisorCommand, TransferStatus>(replyTo => request.Command(transferId, replyTo), _options.Actors.AskTimeout,
            cancellationToken).ConfigureAwait(false);
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
}
