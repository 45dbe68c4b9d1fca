using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Support;
using Google.Apis.Upload;

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
    private UploadBed _bed = null!;
    private KestrelSink _sink = null!;
    private Dictionary<long, WireUploads> _wire = null!;
    private string _source = null!;

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
        _bed = await UploadBed.StartAsync();
        _sink = await KestrelSink.StartAsync();
        _wire = EngineChunks().ToDictionary(c => c.Bytes, c => new WireUploads(_bed.Http, _bed.Server.BaseAddress, c.Bytes));
    }

    [IterationSetup(Targets = [nameof(RawPut), nameof(GoogleApis)])]
    public void OpenSession() => _bed.OpenSession(FileSize);

    [IterationCleanup]
    public void DropStoredUploads() => _bed.DropStoredUploads();

    [Benchmark(Description = "Engine")]
    [ArgumentsSource(nameof(EngineChunks))]
    public Task Engine(Chunk chunk) => _bed.Engine.UploadAsync(_source, chunk.Bytes);

    [Benchmark(Description = "Wire")]
    [ArgumentsSource(nameof(EngineChunks))]
    public Task Wire(Chunk chunk) => _wire[chunk.Bytes].UploadAsync(_source);

    [Benchmark(Description = "RawPut", Baseline = true)]
    public Task RawPut() => _bed.Raw.PutAsync(_bed.Session, _source);

    [Benchmark(Description = "KestrelSink")]
    public Task KestrelSinkPut() => _bed.Raw.PutAsync(_sink.Address, _source);

    [Benchmark(Description = "GoogleApis")]
    [ArgumentsSource(nameof(GoogleChunks))]
    public Task GoogleApis(Chunk chunk) => _bed.Google.UploadAsync(_bed.Session, _source, (int)chunk.Bytes);

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        await _sink.DisposeAsync();
        await _bed.DisposeAsync();
    }

    private sealed class Config : TransferConfig
    {
        public Config() : base(FileSizeOf) { }
    }
}
