using Engine.Actors.Persistence;
using Engine.Transfers;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tokens;
using Engine.Transfers.Uploads;

namespace Engine.Benchmarks.Support;

/// <summary>
/// A full <see cref="TransferEngine"/> (SQLite journal with its default durable settings, actor system, supervisor,
/// tuned HTTP client) pointed at one server for both uploads and downloads. The journal lives in a temp directory that
/// goes when the host is disposed, or in a directory the caller owns (to start another engine on it later).
/// </summary>
internal sealed class EngineHost : IAsyncDisposable
{
    private readonly string _directory;
    private readonly bool _ownsDirectory;

    private EngineHost(TransferEngine engine, string directory, bool ownsDirectory)
    {
        Engine = engine;
        _directory = directory;
        _ownsDirectory = ownsDirectory;
    }

    public TransferEngine Engine { get; }

    /// <summary>
    /// Starts an engine on <paramref name="endpoint"/>; <paramref name="configure"/> adjusts the defaults (e.g. admission
    /// limits). With <paramref name="journalDirectory"/> the journal is kept there; <paramref name="journal"/> wraps it.
    /// </summary>
    public static async Task<EngineHost> StartAsync(Uri endpoint, Action<TransferEngineOptions>? configure = null, string? journalDirectory = null,
        Func<IJournal, IJournal>? journal = null)
    {
        var directory = journalDirectory ?? Path.Combine(Path.GetTempPath(), "engine-bench-journal-" + Guid.NewGuid().ToString("N")[..12]);
        var options = new TransferEngineOptions();
        options.Upload.Endpoint = endpoint.ToString();
        options.Download.Endpoint = endpoint.ToString();
        options.Persistence.Sqlite.Path = Path.Combine(directory, "journal.db");
        configure?.Invoke(options);
        var engine = await TransferEngine.StartAsync(options, new StaticAccessTokenSource(BenchToken.Value), null, null, journal, CancellationToken.None);
        return new EngineHost(engine, directory, ownsDirectory: journalDirectory is null);
    }

    /// <summary>Uploads <paramref name="path"/> in chunks of <paramref name="chunkSize"/> (0: one request); anything but completion throws.</summary>
    public async Task<TransferStatus> UploadAsync(string path, long chunkSize, CancellationToken cancellationToken = default)
    {
        var id = await Engine.StartUploadAsync(new UploadRequest(path) { ChunkSize = chunkSize, ContentType = "video/mp4" }, cancellationToken);
        return await FinishAsync(id, path, cancellationToken);
    }

    /// <summary>Downloads Drive file <paramref name="fileId"/> to <paramref name="destination"/> (through the LRO flow); anything but completion throws.</summary>
    public async Task<TransferStatus> DownloadAsync(string fileId, string destination, CancellationToken cancellationToken = default)
    {
        var id = await Engine.StartDownloadAsync(new DownloadRequest(fileId, destination), cancellationToken);
        return await FinishAsync(id, fileId, cancellationToken);
    }

    /// <summary>Waits for <paramref name="id"/> to end; anything but completion throws, naming <paramref name="what"/>.</summary>
    public async Task<TransferStatus> FinishAsync(string id, string what, CancellationToken cancellationToken = default)
    {
        var status = await Engine.WaitForCompletionAsync(id, cancellationToken);
        return status.Phase == TransferPhase.Completed
            ? status
            : throw new InvalidOperationException($"Transfer {id} of '{what}' ended {status.Phase}: {status.LastError}");
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        if (_ownsDirectory) Directory.Delete(_directory, recursive: true);
    }
}
