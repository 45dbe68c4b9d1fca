using Engine.Benchmarks.Downloads;
using Engine.Benchmarks.Support;
using Engine.Benchmarks.Uploads;
using Engine.Transfers;

namespace Engine.Benchmarks.Load;

/// <summary>
/// What one load run moves and how: the source file (uploaded, and served by the emulator as the Drive file every
/// download fetches), the emulator's settings, the engine's settings, and transfer number <c>i</c> done through the
/// engine or through plain HttpClient. Downloaded files are deleted once complete, so 10,000 of them never fill the disk.
/// </summary>
internal sealed class LoadWorkload
{
    /// <summary>The Drive file id every download fetches.</summary>
    public const string FileId = "load-source";

    private readonly LoadOptions _options;
    private readonly string _destinations;

    public LoadWorkload(LoadOptions options)
    {
        _options = options;
        Source = SourceFiles.OfSize(options.Size);
        // Beside the journal when there is one, so an engine restarted on it finds (and completes) the same destinations.
        _destinations = options.Journal is { } journal
            ? Path.Combine(journal, "downloads")
            : Path.Combine(Path.GetTempPath(), "engine-bench-downloads-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(_destinations);
    }

    public string Source { get; }

    public int MaxActive => _options.MaxActive ?? new Transfers.Configuration.SupervisorOptions().MaxActiveTransfers;

    public int MaxConnections => _options.MaxConnections ?? new Transfers.Configuration.SupervisorOptions().MaxConnectionsPerHost;

    /// <summary>
    /// The emulator's settings: the source as a Drive blob, and operations done at their first poll (the load measures
    /// moving bytes, not Drive's preparation time).
    /// </summary>
    public string[] EmulatorSettings => ["request-log-capacity=1000", "pending-polls=0", $"file=id={FileId},path={Source},mime=video/mp4"];

    /// <summary>Whether transfer <paramref name="index"/> is an upload or a download.</summary>
    public TransferKind KindOf(int index) => _options.Kind switch
    {
        LoadKind.Upload => TransferKind.Upload,
        LoadKind.Download => TransferKind.Download,
        _ => index % 2 == 0 ? TransferKind.Upload : TransferKind.Download,
    };

    /// <summary>The engine's settings for this load: the limits asked for, and downloads polled at once.</summary>
    public void Configure(TransferEngineOptions engine)
    {
        engine.Supervisor.MaxActiveTransfers = MaxActive;
        engine.Supervisor.MaxConnectionsPerHost = MaxConnections;
        if (_options.AskTimeoutSeconds is { } seconds) engine.Actors.AskTimeout = TimeSpan.FromSeconds(seconds);
        if (_options.MailboxCapacity is { } capacity) engine.Actors.MailboxCapacity = capacity;
        if (_options.MaxPendingStarts is { } pending) engine.Supervisor.MaxPendingStarts = pending;
        if (_options.Recovery is { } recovery) engine.Persistence.Recovery.MaxConcurrent = recovery;
        // The emulator's operations are done at the first poll; the 10 s default first wait would measure only waiting.
        engine.Download.Poll.InitialDelay = TimeSpan.FromMilliseconds(1);
    }

    /// <summary>Starts transfer <paramref name="index"/> through the engine and returns its id without waiting for it.</summary>
    public Task<string> StartAsync(TransferEngine engine, int index) => KindOf(index) == TransferKind.Upload
        ? engine.StartUploadAsync(new Transfers.Uploads.UploadRequest(Source) { ChunkSize = _options.Chunk, ContentType = "video/mp4" })
        : engine.StartDownloadAsync(new Transfers.Downloads.DownloadRequest(FileId, DestinationOf(index)));

    /// <summary>Transfer <paramref name="index"/> through the engine, to its end; returns its retries.</summary>
    public async Task<int> RunAsync(EngineHost host, int index)
    {
        var id = await StartAsync(host.Engine, index);
        return (await FinishAsync(host, id)).Retries;
    }

    /// <summary>Waits for <paramref name="id"/> to complete and deletes what a download wrote.</summary>
    public static async Task<TransferStatus> FinishAsync(EngineHost host, string id)
    {
        var status = await host.FinishAsync(id, id);
        if (status.Kind == TransferKind.Download) File.Delete(status.Destination);
        return status;
    }

    /// <summary>Transfer <paramref name="index"/> through plain HttpClient.</summary>
    public async Task RunRawAsync(RawUploads uploads, RawDownloads downloads, int index)
    {
        if (KindOf(index) == TransferKind.Upload)
        {
            await uploads.UploadAsync(Source);
            return;
        }
        var destination = DestinationOf(index);
        await downloads.DownloadAsync(FileId, destination);
        File.Delete(destination);
    }

    /// <summary>Removes the downloads' folder.</summary>
    public void Clean() => Directory.Delete(_destinations, recursive: true);

    private string DestinationOf(int index) => Path.Combine(_destinations, $"download-{index}.bin");
}
