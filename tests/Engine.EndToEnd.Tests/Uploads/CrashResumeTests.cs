using System.Globalization;
using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Uploads;

/// <summary>
/// Issue 3's crash test: a real <c>engine upload</c> is killed with SIGKILL mid-transfer, and <c>engine resume</c> on the
/// same journal finishes it byte-exact, in the same session, re-sending no byte the server had stored.
/// </summary>
public sealed class CrashResumeTests : IAsyncLifetime
{
    private const string Token = "e2e-token";
    private const int FileSize = 3 * 1024 * 1024 + 100;
    private readonly TempDirectory temp = new();
    private EmulatorFixture emulator = null!;

    // The cap keeps the upload in flight for seconds, so the kill lands mid-transfer.
    public async Task InitializeAsync() => emulator = await EmulatorFixture.StartAsync("fault=bandwidth:bps=512KiB,on=put");

    [Theory]
    [InlineData("0")]
    [InlineData("256KiB")]
    public async Task A_killed_upload_is_finished_by_resume_byte_exact_in_one_session_resending_only_what_the_server_lacked(string chunkSize)
    {
        var file = TestFiles.Write(temp.File("crash.mp4"), FileSize, seed: 42);
        var journal = temp.File("journal.db");

        using (var upload = EngineProcess.Start(new EngineRun(temp.Path,
                   "upload", file, "--endpoint", emulator.Endpoint, "--journal", journal, "--chunk-size", chunkSize) { Token = Token }))
        {
            await upload.WaitUntilAsync(() => Stored() >= 768 * 1024, TimeSpan.FromSeconds(60), "768 KiB stored by the server");
            upload.Kill();
        }

        var killedAt = DateTimeOffset.UtcNow;
        // Quiescent once the request cut by the kill is logged: every byte received is then accounted for in the log.
        await Eventually.HoldsAsync(() => emulator.DataRequests().Sum(r => r.BodyBytesReceived) == Stored(), "the cut request to end");
        var storedAtKill = Stored();
        Assert.InRange(storedAtKill, 1, FileSize - 1);
        emulator.Server.Faults.Clear();

        var listed = await EngineProcess.RunAsync(new EngineRun(temp.Path, "list", "--journal", journal, "--json"));
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var entries = JsonDocument.Parse(string.Join('\n', listed.StdoutLines)).RootElement.EnumerateArray().ToList();
        Assert.True(entries.Count == 1, $"{listed}\njournal files: " +
            string.Join(", ", Directory.GetFiles(temp.Path, "journal.db*").Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length}")));
        var entry = entries[0];
        Assert.NotEqual("Completed", entry.GetProperty("phase").GetString());
        Assert.Equal(file, entry.GetProperty("source").GetString());
        var acknowledged = entry.GetProperty("bytesAcknowledged").GetInt64();
        Assert.InRange(acknowledged, 0, storedAtKill);
        if (chunkSize != "0")
        {
            // Chunked: every 308 was recorded, so the journal knows most of what the server stored.
            Assert.True(acknowledged >= 256 * 1024, $"acknowledged {acknowledged} of {storedAtKill} stored");
        }

        var resumed = await EngineProcess.RunAsync(new EngineRun(temp.Path, "resume", "--journal", journal) { Token = Token });

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var line = JsonDocument.Parse(Assert.Single(resumed.StdoutLines)).RootElement;
        Assert.Equal(file, line.GetProperty("file").GetString());
        var stored = Assert.Single(emulator.Server.Inspector.CompletedUploads);
        Assert.Equal(TestFiles.Sha256(file), stored.Sha256);
        Assert.Equal(line.GetProperty("resource").GetProperty("id").GetString(), stored.VideoId);
        Assert.Equal(1, emulator.Server.Inspector.SessionsOpened);

        var afterKill = emulator.DataRequests().Where(r => r.Time >= killedAt).ToList();
        Assert.Equal(storedAtKill, FirstByte(afterKill[0]));
        Assert.True(afterKill.Sum(r => r.BodyBytesReceived) <= FileSize - storedAtKill,
            $"re-sent {afterKill.Sum(r => r.BodyBytesReceived)} bytes after the kill; the server lacked only {FileSize - storedAtKill}");
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        temp.Dispose();
    }

    private long Stored() => emulator.Server.Inspector.Sessions.Sum(s => s.StoredLength);

    // "bytes FIRST-LAST/TOTAL"; a data request without Content-Range starts at 0.
    private static long FirstByte(Engine.Emulator.Inspection.RequestLogEntry request) =>
        request.Headers.TryGetValue("Content-Range", out var range)
            ? long.Parse(range["bytes ".Length..range.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture)
            : 0;
}
