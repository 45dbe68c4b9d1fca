using System.Net.Http.Headers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Support;
using Engine.Emulator;
using Engine.Emulator.Drive;
using Engine.Protocol.Download;
using Engine.Protocol.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Benchmarks.Downloads;

/// <summary>
/// Download throughput over loopback from the in-process emulator (a blob file served from disk), into a file on disk:
/// the full engine through the facade (<c>StartDownloadAsync</c>: the LRO flow, journal, segments, SHA-256, rename), its
/// wire layer as one unranged stream and as N parallel segments of various sizes, against a raw
/// <see cref="HttpClient"/> GET of the same content URI and Google.Apis <c>MediaDownloader</c> at its default chunk.
/// For the wire, raw and Google cases the operation is prepared once and each invocation fetches the content; the
/// engine runs a whole download (its own <c>download()</c> call and poll) per invocation.
/// </summary>
[Config(typeof(Config))]
public class DownloadSegmentBenchmarks
{
    private EmulatorServer _server = null!;
    private HttpClient _http = null!;
    private WireDownloads _wire = null!;
    private GoogleDownloads _google = null!;
    private FileRef _file = null!;
    private Uri _content = null!;
    private string _destination = null!;
    private Dictionary<Segmenting, EngineHost> _engines = null!;

    [Params(256 * Sizes.MiB)]
    public long FileSize { get; set; }

    /// <summary>The engine's default (4 segments of 64 MiB) and one stream (one segment as large as the file).</summary>
    public static IEnumerable<Segmenting> EngineSegmentings() => [new(4, 64 * Sizes.MiB), new(1, 256 * Sizes.MiB)];

    public static IEnumerable<Segmenting> Segmentings() =>
    [
        new(1, 64 * Sizes.MiB), new(2, 64 * Sizes.MiB), new(4, 64 * Sizes.MiB), new(8, 64 * Sizes.MiB),
        new(4, 8 * Sizes.MiB), new(4, 16 * Sizes.MiB),
    ];

    // Synchronous on purpose: the in-process toolchain does not always wait for an async global setup before the first case.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0, RequestLogCapacity = 100 });
        var registered = _server.Files.Add(new DriveFileRegistration("bench.mp4", DriveFileKind.Blob, FileContent.FromFile(SourceFiles.OfSize(FileSize))) { MimeType = "video/mp4" });
        _file = new FileRef(registered.Id);
        _http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);
        _wire = new WireDownloads(_http, _server.BaseAddress);
        _google = new GoogleDownloads(_server.BaseAddress);
        _content = await _wire.PrepareAsync(_file);
        _destination = Path.Combine(Path.GetTempPath(), "engine-bench-download-" + Guid.NewGuid().ToString("N")[..12] + ".bin");
        _engines = [];
        foreach (var segmenting in EngineSegmentings())
        {
            _engines[segmenting] = await EngineHost.StartAsync(_server.BaseAddress, o =>
            {
                o.Download.Segments = segmenting.Segments;
                o.Download.SegmentSize = segmenting.SegmentSize;
                o.Download.Poll.InitialDelay = TimeSpan.FromMilliseconds(1); // the emulator's operation is done at once
            });
        }
    }

    [IterationCleanup]
    public void DeleteDestination() => File.Delete(_destination);

    [Benchmark(Description = "Engine")]
    [ArgumentsSource(nameof(EngineSegmentings))]
    public Task Engine(Segmenting segmenting) => _engines[segmenting].DownloadAsync(_file.FileId, _destination);

    [Benchmark(Description = "WireSingleStream")]
    public Task WireSingleStream() => _wire.FetchWholeAsync(_content, _file, _destination);

    [Benchmark(Description = "WireSegments")]
    [ArgumentsSource(nameof(Segmentings))]
    public Task WireSegments(Segmenting segmenting) => _wire.FetchSegmentsAsync(_content, _file, FileSize, segmenting, _destination);

    [Benchmark(Description = "RawGet", Baseline = true)]
    public async Task RawGet()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _content);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchToken.Value);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        await using var file = new FileStream(_destination, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        await using var body = await response.Content.ReadAsStreamAsync();
        await body.CopyToAsync(file, 128 * 1024);
    }

    /// <summary>
    /// The raw GET plus what the engine guarantees on top: the bytes flushed to disk (fsync) before they count, and the
    /// file's SHA-256 read back. The limit for a durable, verified download.
    /// </summary>
    [Benchmark(Description = "RawGetFlushHash")]
    public async Task RawGetFlushHash()
    {
        await RawGet();
        await using var file = new FileStream(_destination, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        file.Flush(flushToDisk: true);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[128 * 1024];
        int read;
        while ((read = await file.ReadAsync(buffer)) > 0) hash.AppendData(buffer, 0, read);
        _ = hash.GetHashAndReset();
    }

    [Benchmark(Description = "GoogleMediaDownloader")]
    public Task GoogleMediaDownloader() => _google.DownloadAsync(_content, _destination);

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        _google.Dispose();
        _http.Dispose();
        foreach (var engine in _engines.Values) await engine.DisposeAsync();
        await _server.DisposeAsync();
    }

    private sealed class Config : TransferConfig
    {
        public Config() : base(FileSizeOf) { }
    }
}
