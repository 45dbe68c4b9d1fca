using Engine.Cluster.Leases;
using Engine.Cluster.Routing;
using Engine.Transfers.Composition;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Transfers.Clustering;

/// <summary>
/// Starts and steers transfers of a cluster without being a node: it holds no shard and runs no transfer. It validates
/// and fingerprints a new transfer here (the file must be readable by the nodes at the same path), draws its id, and
/// routes every call to the owner of the id's shard through the command queue (docs/cluster.md). What
/// <c>engine submit</c> uses; a <see cref="TransferEngine"/> node accepts the same calls itself.
/// </summary>
/// <example>
/// <code>
/// var options = TransferEngineOptions.Load(overrides: ["engine.cluster.enabled=on", "engine.persistence.provider=postgresql"]);
/// await using var client = await ClusterClient.ConnectAsync(options);
/// var id = await client.StartUploadAsync(new UploadRequest("/shared/media/movie.mp4"));
/// var status = await client.GetStatusAsync(id);
/// </code>
/// </example>
public sealed class ClusterClient : IAsyncDisposable
{
    private readonly TransferEngineOptions _options;
    private readonly ShardCommandQueue _queue;
    private readonly ClusterListener _listener;
    private readonly TransferRouter _router;
    private readonly TimeProvider _time;

    private ClusterClient(TransferEngineOptions options, ShardCommandQueue queue, ILoggerFactory loggers, TimeProvider time)
    {
        _options = options;
        _queue = queue;
        _time = time;
        var replies = new ReplyWaiters();
        _listener = new ClusterListener(queue, replies, commandQueued: null, reconnected: null, loggers.CreateLogger<ClusterClient>(), time);
        _router = new TransferRouter(queue, replies, $"{options.Cluster.EffectiveNodeId}/client-{Environment.ProcessId}", options.Cluster.ShardCount,
            options.Cluster.CommandTimeout, time);
    }

    /// <summary>Connects to the cluster of <paramref name="options"/> (<c>engine.cluster</c>, enabled, and the journal's PostgreSQL).</summary>
    /// <exception cref="ArgumentException">A setting is invalid, or cluster mode is off; the message names what to set.</exception>
    /// <exception cref="Engine.Cluster.Storage.ClusterStoreException">The database cannot be reached, or its cluster has another shard count.</exception>
    public static async Task<ClusterClient> ConnectAsync(TransferEngineOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (!options.Cluster.Enabled)
            throw new ArgumentException("A cluster client needs engine.cluster.enabled = on, with engine.persistence.provider = postgresql and the cluster's connection string.");
        var time = timeProvider ?? TimeProvider.System;
        // Opening the leases checks that the cluster was made with this shard count: with another, every command would wait in the wrong shard.
        await (await ShardLeaseStore.OpenAsync(options.Cluster, time, cancellationToken).ConfigureAwait(false)).DisposeAsync().ConfigureAwait(false);
        var queue = await ShardCommandQueue.OpenAsync(options.Cluster, time, cancellationToken).ConfigureAwait(false);
        var client = new ClusterClient(options, queue, loggerFactory ?? NullLoggerFactory.Instance, time);
        try
        {
            await client._listener.StartAsync(cancellationToken).ConfigureAwait(false);
            return client;
        }
        catch
        {
            await queue.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>As <see cref="TransferEngine.StartUploadAsync"/>, on the node that owns the new id's shard.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A setting of the request is invalid; the message names it and what to do.</exception>
    /// <exception cref="RoutedCommandTimeoutException">No node owning the shard answered in time (the start stays queued and runs later).</exception>
    public async Task<string> StartUploadAsync(UploadRequest request, CancellationToken cancellationToken = default)
    {
        var order = await Task.Run(() => UploadOrder.Prepare(request, _options.Upload), cancellationToken).ConfigureAwait(false);
        return await _router.StartAsync(TransferKind.Upload, order, TransferIds.New(TransferKinds.IdPrefixOf(TransferKind.Upload), _time), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>As <see cref="TransferEngine.StartDownloadAsync"/>, on the node that owns the new id's shard.</summary>
    /// <exception cref="ArgumentException">A setting of the request is invalid; the message names it and what to do.</exception>
    /// <exception cref="RoutedCommandTimeoutException">No node owning the shard answered in time (the start stays queued and runs later).</exception>
    public async Task<string> StartDownloadAsync(DownloadRequest request, CancellationToken cancellationToken = default)
    {
        var order = await Task.Run(() => DownloadOrder.Prepare(request, _options.Download), cancellationToken).ConfigureAwait(false);
        return await _router.StartAsync(TransferKind.Download, order, TransferIds.New(TransferKinds.IdPrefixOf(TransferKind.Download), _time), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>The status of any transfer of the cluster, from its owner (live figures while it runs).</summary>
    /// <exception cref="UnknownTransferException">No such transfer.</exception>
    /// <exception cref="RoutedCommandTimeoutException">No node owning the shard answered in time.</exception>
    public Task<TransferStatus> GetStatusAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAsync(transferId, TransferAction.Status, cancellationToken);

    /// <summary>As <see cref="TransferEngine.PauseAsync"/>, on the transfer's owner.</summary>
    public Task<TransferStatus> PauseAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAsync(transferId, TransferAction.Pause, cancellationToken);

    /// <summary>As <see cref="TransferEngine.ResumeAsync"/>, on the transfer's owner.</summary>
    public Task<TransferStatus> ResumeAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAsync(transferId, TransferAction.Resume, cancellationToken);

    /// <summary>As <see cref="TransferEngine.CancelAsync"/>, on the transfer's owner.</summary>
    public Task<TransferStatus> CancelAsync(string transferId, CancellationToken cancellationToken = default) =>
        AskAsync(transferId, TransferAction.Cancel, cancellationToken);

    private Task<TransferStatus> AskAsync(string transferId, TransferAction request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(transferId);
        return _router.AskAsync(transferId, request, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _listener.DisposeAsync().ConfigureAwait(false);
        await _queue.DisposeAsync().ConfigureAwait(false);
    }
}
