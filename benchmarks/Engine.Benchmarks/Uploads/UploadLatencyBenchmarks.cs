using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Support;
using Engine.Emulator;
using Engine.Protocol.Http;
using Google.Apis.Upload;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// A 1 GiB upload with a round-trip time added at the emulator (its <c>latency</c> fault delays every request by
/// <see cref="LatencyMs"/> before answering it), as over a real network: the engine's single request against a raw PUT
/// and Google.Apis <see cref="ResumableUpload"/> at its default 10 MiB chunk and at 64 MiB, in the same run. Each
/// request pays the delay once: the engine two (its session POST and the PUT), the raw PUT one (its session is opened
/// before the iteration, as Google's is), Google one per chunk.
/// </summary>
[Config(typeof(Config))]
public class UploadLatencyBenchmarks
{
    private EmulatorServer _server = null!;
    private EngineHost _engine = null!;
    private HttpClient _http = null!;
    private RawUploads _raw = null!;
    private GoogleUploads _google = null!;
    private string _source = null!;
    private Uri _session = null!;

    [Params(1 * Sizes.GiB)]
    public long FileSize { get; set; }

    /// <summary>Added per request: 0 (loopback), 5 ms (same region), 20 ms (across a continent).</summary>
    [Params(0, 5, 20)]
    public int LatencyMs { get; set; }

    public static IEnumerable<Chunk> GoogleChunks() => [new Chunk(ResumableUpload.DefaultChunkSize), new Chunk(64 * Sizes.MiB)];

    // Synchronous on purpose: the in-process toolchain does not always wait for an async global setup before the first case.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _source = SourceFiles.OfSize(FileSize);
        _server = await EmulatorServer.StartAsync(new EmulatorOptions());
        if (LatencyMs > 0) _server.Faults.Add($"latency:delay={LatencyMs}ms,on=any");
        _engine = await EngineHost.StartAsync(_server.BaseAddress);
        _http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);
        _raw = new RawUploads(_http, _server.BaseAddress);
        _google = new GoogleUploads();
    }

    [IterationSetup(Targets = [nameof(RawPut), nameof(GoogleApis)])]
    public void OpenSession() => _session = _raw.OpenSessionAsync(FileSize).GetAwaiter().GetResult();

    [IterationCleanup]
    public void DropStoredUploads() => StoredUploads.Delete(_server);

    [Benchmark(Description = "EngineSingleRequest")]
    public Task Engine() => _engine.UploadAsync(_source, 0);

    [Benchmark(Description = "RawPut", Baseline = true)]
    public Task RawPut() => _raw.PutAsync(_session, _source);

    [Benchmark(Description = "GoogleApis")]
    [ArgumentsSource(nameof(GoogleChunks))]
    public Task GoogleApis(Chunk chunk) => _google.UploadAsync(_session, _source, (int)chunk.Bytes);

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        _google.Dispose();
        _http.Dispose();
        await _engine.DisposeAsync();
        await _server.DisposeAsync();
    }

    private sealed class Config : TransferConfig
    {
        public Config() : base(FileSizeOf) { }
    }
}
