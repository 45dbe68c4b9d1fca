using BenchmarkDotNet.Attributes;
using Engine.Benchmarks.Journal;
using Engine.Benchmarks.Support;
using Engine.Emulator;
using Engine.Protocol.Http;
using Engine.Transfers.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// The journal's cost per acknowledged chunk under load: <see cref="Uploads"/> concurrent uploads of 4 MiB in 256 KiB
/// chunks (16 acknowledged chunks each, every one persisted as <c>BytesAcknowledged</c> before the next chunk) through
/// the full engine, against the same uploads through the wire layer alone with the same connection limit. The
/// difference per chunk is the actor + journal cost; the group-commit batches seen are printed at the end of each case.
/// </summary>
[Config(typeof(Config))]
public class JournalLoadBenchmarks
{
    public const long FileSize = 4 * Sizes.MiB;
    public const long ChunkSize = 256 * Sizes.KiB;

    private EmulatorServer _server = null!;
    private EngineHost _engine = null!;
    private HttpClient _http = null!;
    private WireUploads _wire = null!;
    private JournalMeter _journal = null!;
    private string _source = null!;

    [Params(100, 500)]
    public int Uploads { get; set; }

    // Synchronous on purpose: the in-process toolchain does not always wait for an async global setup before the first case.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _source = SourceFiles.OfSize(FileSize);
        _server = await EmulatorServer.StartAsync(new EmulatorOptions { RequestLogCapacity = 1000 });
        _engine = await EngineHost.StartAsync(_server.BaseAddress);
        _http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance, new SupervisorOptions().MaxConnectionsPerHost);
        _wire = new WireUploads(_http, _server.BaseAddress, ChunkSize);
        _journal = new JournalMeter();
    }

    [IterationCleanup]
    public void DropStoredUploads() => StoredUploads.Delete(_server);

    [Benchmark(Description = "Engine")]
    public Task Engine() => Task.WhenAll(Enumerable.Range(0, Uploads).Select(_ => _engine.UploadAsync(_source, ChunkSize)));

    [Benchmark(Description = "Wire", Baseline = true)]
    public Task Wire() => Task.WhenAll(Enumerable.Range(0, Uploads).Select(_ => _wire.UploadAsync(_source)));

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        var figures = _journal.Read();
        if (figures.Batches > 0) Console.WriteLine($"// journal under {Uploads} uploads: {figures}");
        _journal.Dispose();
        _http.Dispose();
        await _engine.DisposeAsync();
        await _server.DisposeAsync();
    }

    private sealed class Config : TransferConfig
    {
        public Config() : base(c => (int)c.Parameters[nameof(Uploads)] * FileSize) =>
            AddColumn(new EventsPerSecondColumn(c => (int)c.Parameters[nameof(Uploads)] * (FileSize / ChunkSize)));
    }
}
