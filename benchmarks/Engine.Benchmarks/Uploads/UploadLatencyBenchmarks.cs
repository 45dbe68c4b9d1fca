using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Support;
using Google.Apis.Upload;

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
    private UploadBed _bed = null!;
    private string _source = null!;

    [Params(1 * Sizes.GiB)]
    public long FileSize { get; set; }

    /// <summary>Added per request: 0 (loopback), 5 ms (same region), 20 ms (across a continent).</summary>
    [Params(0, 5, 20)]
    public int LatencyMs { get; set; }

    public static IEnumerable<Chunk> GoogleChunks() => [new Chunk(ResumableUpload.DefaultChunkSize), new Chunk(64 * Sizes.MiB)];

    // Synchronous on purpose: the in-process toolchain does not always wait for an async global setup before the first case.
    [GlobalSetup]
    public void Setup()
    {
        _source = SourceFiles.OfSize(FileSize);
        _bed = UploadBed.StartAsync(LatencyMs > 0 ? [$"latency:delay={LatencyMs}ms,on=any"] : []).GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(RawPut), nameof(GoogleApis)])]
    public void OpenSession() => _bed.OpenSession(FileSize);

    [IterationCleanup]
    public void DropStoredUploads() => _bed.DropStoredUploads();

    [Benchmark(Description = "EngineSingleRequest")]
    public Task Engine() => _bed.Engine.UploadAsync(_source, 0);

    [Benchmark(Description = "RawPut", Baseline = true)]
    public Task RawPut() => _bed.Raw.PutAsync(_bed.Session, _source);

    [Benchmark(Description = "GoogleApis")]
    [ArgumentsSource(nameof(GoogleChunks))]
    public Task GoogleApis(Chunk chunk) => _bed.Google.UploadAsync(_bed.Session, _source, (int)chunk.Bytes);

    [GlobalCleanup]
    public void Cleanup() => _bed.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private sealed class Config : TransferConfig
    {
        public Config() : base(FileSizeOf) { }
    }
}
