using Engine.Transfers;
using Engine.Transfers.Tokens;
using Engine.Transfers.Uploads;

namespace Engine.Benchmarks.Support;

/// <summary>
/// A full <see cref="TransferEngine"/> (SQLite journal with its default durable settings in a temp directory, actor
/// system, supervisor, tuned HTTP client) pointed at one server; the directory goes when it is disposed.
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly string _directory;

    private EngineHost(TransferEngine engine, string directory)
    {
        Engine = engine;
        _directory = directory;
    }

    public TransferEngine Engine { get; }

    /// <summary>Starts an engine on <paramref name="endpoint"/>; <paramref name="configure"/> adjusts the defaults (e.g. admission limits).</summary>
    public static async Task<EngineHost> StartAsync(Uri endpoint, Action<TransferEngineOptions>? configure = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "engine-bench-journal-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new TransferEngineOptions();
        options.Upload.Endpoint = endpoint.ToString();
        options.Persistence.Sqlite.Path = Path.Combine(directory, "journal.db");
        configure?.Invoke(options);
        return new EngineHost(await TransferEngine.StartAsync(options, new StaticAccessTokenSource(BenchToken.Value)), directory);
    }

    /// <summary>Uploads <paramref name="path"/> in chunks of <paramref name="chunkSize"/> (0: one request); anything but completion throws.</summary>
    public async Task<TransferStatus> UploadAsync(string path, long chunkSize, CancellationToken cancellationToken = default)
    {
        var id = await Engine.StartUploadAsync(new UploadRequest(path) { ChunkSize = chunkSize, ContentType = "video/mp4" }, cancellationToken);
        var status = await Engine.WaitForCompletionAsync(id, cancellationToken);
        return status.Phase == TransferPhase.Completed
            ? status
            : throw new InvalidOperationException($"Upload {id} of '{path}' ended {status.Phase}: {status.LastError}");
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
