using Engine.Transfers.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Engine.Transfers.Hosting;

/// <summary>
/// The hosted service that owns the application's <see cref="TransferEngine"/>. The engine starts in
/// <see cref="IHostedLifecycleService.StartingAsync"/>, so other hosted services can use it from their own
/// <c>StartAsync</c>, and re-runs every unfinished transfer in the journal. <see cref="StopAsync"/> stops it gracefully:
/// requests in flight are cancelled, every acknowledged byte is already in the journal, pending writes are committed
/// (bounded by <c>engine.actors.shutdown-timeout</c>), and the next host on the same journal continues each transfer
/// from where the server acknowledged. Give the host a <c>HostOptions.ShutdownTimeout</c> at least that long.
/// </summary>
public sealed class TransferEngineHost : IHostedLifecycleService, IAsyncDisposable
{
    private readonly IOptions<TransferEngineOptions> _options;
    private readonly IServiceProvider _services;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _log;
    private readonly TaskCompletionSource<TransferEngine> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _start;
    private TransferEngine? _engine;

    /// <summary>Created by the container; see <see cref="TransferEngineServiceCollectionExtensions.AddTransferEngine"/>.</summary>
    public TransferEngineHost(IOptions<TransferEngineOptions> options, IServiceProvider services, ILoggerFactory? loggerFactory = null)
    {
        _options = options;
        _services = services;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _log = _loggerFactory.CreateLogger<TransferEngineHost>();
    }

    /// <summary>The running engine.</summary>
    /// <exception cref="InvalidOperationException">The host has not started it (yet); code that runs earlier awaits <see cref="GetEngineAsync"/>.</exception>
    public TransferEngine Engine => _started.Task.IsCompletedSuccessfully
        ? _started.Task.Result
        : throw new InvalidOperationException(
            "The transfer engine is not running: it starts with the host (IHost.StartAsync). Resolve TransferEngine after the host has started, " +
            "or await TransferEngineHost.GetEngineAsync() in code that runs earlier.");

    /// <summary>Completes with the engine once the host has started it; fails if its start failed.</summary>
    public Task<TransferEngine> GetEngineAsync(CancellationToken cancellationToken = default) => _started.Task.WaitAsync(cancellationToken);

    /// <summary>Starts the engine: first of the host's lifecycle steps.</summary>
    public Task StartingAsync(CancellationToken cancellationToken) => StartOnceAsync(cancellationToken);

    /// <summary>Starts the engine unless <see cref="StartingAsync"/> already did (a host without lifecycle support calls only this).</summary>
    public Task StartAsync(CancellationToken cancellationToken) => StartOnceAsync(cancellationToken);

    /// <inheritdoc />
    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops the engine gracefully; unfinished transfers continue when an engine next starts on the same journal.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var engine = Interlocked.Exchange(ref _engine, null);
        if (engine is null)
        {
            _started.TrySetException(new InvalidOperationException("The host stopped before the transfer engine started."));
            return;
        }
        _log.LogInformation("Stopping the transfer engine; unfinished transfers continue when it next starts on this journal");
        // Not abandoned when the host's token fires: the engine's own shutdown-timeout bounds the wait, and leaving
        // early would close the process under pending journal writes.
        await engine.DisposeAsync().ConfigureAwait(false);
        _log.LogInformation("Transfer engine stopped");
    }

    /// <inheritdoc />
    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Stops the engine if the host did not (e.g. its start failed part-way).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _engine, null) is { } engine) await engine.DisposeAsync().ConfigureAwait(false);
    }

    // The host calls its lifecycle steps one after another, so a plain check is enough to start once.
    private Task StartOnceAsync(CancellationToken cancellationToken) => _start ??= StartEngineAsync(cancellationToken);

    private async Task StartEngineAsync(CancellationToken cancellationToken)
    {
        try
        {
            var options = _options.Value;
            var tokens = _services.GetRequiredService<IAccessTokenSource>();
            var time = _services.GetService<TimeProvider>();
            _log.LogInformation("Starting the transfer engine with tokens from {TokenSource}", tokens);
            var engine = await TransferEngine.StartAsync(options, tokens, _loggerFactory, time, cancellationToken).ConfigureAwait(false);
            _engine = engine;
            _started.TrySetResult(engine);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            throw;
        }
    }
}
