using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Support;
using Engine.Emulator;
using Engine.Protocol.Http;
using Google.Apis.Upload;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// Upload throughput against chunk size over loopback to the in-process emulator, with the baselines in the same run:
/// the full engine (<see cref="Transfers.TransferEngine"/>: journal, actor, supervisor), its wire layer alone, a raw
/// <see cref="HttpClient"/> PUT of the same file to the same server (the practical limit), the same PUT to a bare
/// Kestrel sink (transport only), and Google.Apis <see cref="ResumableUpload"/> at its default and a large chunk size.
/// The engine and wire cases open their own session (it is part of their work); the raw and Google cases PUT into a
/// session opened before the iteration.
/// </summary>
[Config(typeof(Config))]
public class UploadChunkBenchmarks
{
    private EmulatorServer _server = null!;
    private KestrelSink _sink = null!;
    private EngineHost _engine = null!;
    private HttpClient _http = null!;
    private RawUploads _raw = null!;
    private GoogleUploads _google = null!;
    private Dictionary<long, WireUploads> _wire = null!;
    private string _source = null!;
    private Uri _session = null!;

    [Params(64 * Sizes.MiB, 1 * Sizes.GiB)]
    public long FileSize { get; set; }

    public static IEnumerable<Chunk> EngineChunks() =>
        new long[] { 0, 256 * Sizes.KiB, 1 * Sizes.MiB, 8 * Sizes.MiB, 16 * Sizes.MiB, 64 * Sizes.MiB }.Select(b => new Chunk(b));

    /// <summary>Google's default (10 MiB) and the engine's largest chunk, 64 MiB.</summary>
    public static IEnumerable<Chunk> GoogleChunks() => [new Chunk(ResumableUpload.DefaultChunkSize), new Chunk(64 * Sizes.MiB)];

    // Synchronous on purpose: the in-process toolchain does not always wait for an async global setup before the first case.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _source = SourceFiles.OfSize(FileSize);
        _server = await EmulatorServer.StartAsync(new EmulatorOptions());
        _sink = await KestrelSink.StartAsync();
        _engine = await EngineHost.StartAsync(_server.BaseAddress);
        _http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);
        _raw = new RawUploads(_http, _server.BaseAddress);
        _google = new GoogleUploads();
        _wire = EngineChunks().ToDictionary(c => c.Bytes, c => new WireUploads(_http, _server.BaseAddress, c.Bytes));
    }

    [IterationSetup(Targets = [nameof(RawPut), nameof(GoogleApis)])]
    public void OpenSession() => _session = _raw.OpenSessionAsync(FileSize).GetAwaiter().GetResult();

    [IterationCleanup]
    public void DropStoredUploads() => StoredUploads.Delete(_server);

    [Benchmark(Description = "Engine")]
    [ArgumentsSource(nameof(EngineChunks))]
    public Task Engine(Chunk chunk) => _engine.UploadAsync(_source, chunk.Bytes);

    [Benchmark(Description = "Wire")]
    [ArgumentsSource(nameof(EngineChunks))]
    public Task Wire(Chunk chunk) => _wire[chunk.Bytes].UploadAsync(_source);

    [Benchmark(Description = "RawPut", Baseline = true)]
    public Task RawPut() => _raw.PutAsync(_session, _source);

    [Benchmark(Description = "KestrelSink")]
    public Task KestrelSinkPut() => _raw.PutAsync(_sink.Address, _source);

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
        await _sink.DisposeAsync();
        await _server.DisposeAsync();
    }

    private sealed class Config : TransferConfig
    {
        public Config() : base(FileSizeOf) { }
    }
}
