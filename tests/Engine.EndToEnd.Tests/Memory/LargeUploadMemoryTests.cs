using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Engine.EndToEnd.Tests.Support;
using Engine.Transfers;
using Engine.Transfers.Tokens;
using Engine.Transfers.Uploads;

namespace Engine.EndToEnd.Tests.Memory;

/// <summary>Runs alone: it measures the allocations of this whole process.</summary>
[CollectionDefinition(nameof(LargeUploadMemoryTests), DisableParallelization = true)]
public sealed class LargeUploadMemoryCollection;

/// <summary>
/// A 1 GiB upload through the engine (journal, actor, wire layer) to an emulator in another process
/// (`engine serve`), so every byte allocated in this process is the engine's. Bodies stream from the file through
/// one pooled buffer, so the allocations of the whole upload stay a few MiB, single request or chunked; a chunk
/// copied into memory would cost at least its size on every chunk.
/// </summary>
[Collection(nameof(LargeUploadMemoryTests))]
public sealed class LargeUploadMemoryTests : IDisposable
{
    private const long OneGiB = 1L << 30;
    private const long AllowedAllocation = 16L << 20;
    private readonly TempDirectory temp = new();

    [Theory]
    [InlineData(0L)]
    [InlineData(8L << 20)]
    public async Task A_1_GiB_upload_allocates_a_few_MiB_whatever_the_chunk_size(long chunkSize)
    {
        using var serve = EngineProcess.Start(new EngineRun(temp.Path, "serve", "--urls", "http://127.0.0.1:0", "--data", temp.File("server")));
        await serve.WaitUntilAsync(() => serve.StdoutLines.Count > 0, TimeSpan.FromSeconds(60), "printing the base address");
        var endpoint = serve.StdoutLines[0];
        var source = temp.File("large.mp4");
        using (var file = File.Create(source)) file.SetLength(OneGiB); // sparse: reads are zeros, nothing to write first
        var warmUp = TestFiles.Write(temp.File("warm-up.mp4"), 1 << 20, seed: 1);

        var options = TransferEngineOptions.Load(overrides:
        [
            $"engine.persistence.sqlite.path=\"{temp.File("journal.db")}\"",
            $"engine.upload.endpoint=\"{endpoint}\"",
        ]);
        await using (var engine = await TransferEngine.StartAsync(options, new StaticAccessTokenSource("memory-test-token")))
        {
            // Connections, pools and JIT exist before measuring, as in a running engine.
            await UploadAsync(engine, warmUp, chunkSize);
            var before = GC.GetTotalAllocatedBytes(precise: true);

            await UploadAsync(engine, source, chunkSize);

            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.True(allocated < AllowedAllocation,
                $"uploading 1 GiB (chunk size {chunkSize}) allocated {allocated / 1024.0 / 1024:F1} MiB; at most {AllowedAllocation >> 20} MiB expected");
        }

        using var http = new HttpClient { BaseAddress = new Uri(endpoint) };
        var uploads = await http.GetFromJsonAsync<JsonElement>("emulator/uploads");
        var stored = uploads.EnumerateArray().Single(u => u.GetProperty("size").GetInt64() == OneGiB);
        Assert.Equal(await Sha256Async(source), stored.GetProperty("sha256").GetString());
    }

    private static async Task UploadAsync(TransferEngine engine, string path, long chunkSize)
    {
        var id = await engine.StartUploadAsync(new UploadRequest(path) { ChunkSize = chunkSize, ContentType = "video/mp4" });
        var status = await engine.WaitForCompletionAsync(id);
        Assert.True(status.Phase == TransferPhase.Completed, $"{path}: {status.Phase} {status.LastError}");
    }

    private static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    public void Dispose() => temp.Dispose();
}
