using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Batch;

/// <summary>
/// <c>engine batch</c> as a real process: uploads and downloads of one job list run in one engine at the same time, and
/// the same command run again after a SIGKILL finishes the list without submitting any job twice.
/// </summary>
public sealed class BatchCommandTests : IAsyncLifetime
{
    private const string Token = "batch-token";
    private const int UploadSize = 1024 * 1024 + 300;
    private readonly TempDirectory temp = new();
    private EmulatorFixture emulator = null!;

    // The caps keep every transfer in flight for about two seconds, so uploads and downloads overlap, and a kill lands mid-transfer.
    public async Task InitializeAsync() => emulator = await EmulatorFixture.StartAsync(
        "file=id=alpha,size=1MiB,seed=3", "file=id=beta,kind=docs,size=300000,seed=4",
        "fault=bandwidth:bps=512KiB,on=put", "fault=bandwidth:bps=512KiB,on=content", "fault=reset:after=100000,on=content,nth=2");

    [Fact]
    public async Task Uploads_and_downloads_of_one_list_run_together_in_one_engine_and_arrive_byte_exact()
    {
        var jobs = WriteJobs();

        var result = await EngineProcess.RunAsync(Batch(jobs));

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertEverythingArrived(result.StdoutLines);
        // Together: the downloads' content was served while the first upload's PUT was still arriving.
        var requests = emulator.Server.Inspector.Requests;
        var firstPut = requests.First(r => r.Target == "put").Time;
        var firstUploadDone = emulator.Server.Inspector.CompletedUploads.Min(u => u.CompletedAt);
        Assert.Contains(requests, r => r.Target == "content" && r.Time > firstPut && r.Time < firstUploadDone);
    }

    [Fact]
    public async Task Run_again_after_a_kill_the_list_finishes_without_any_job_submitted_twice()
    {
        var jobs = WriteJobs();
        using (var first = EngineProcess.Start(Batch(jobs)))
        {
            await first.WaitUntilAsync(() => emulator.Server.Inspector.Sessions.Sum(s => s.StoredLength) >= 256 * 1024 &&
                                             emulator.Server.Inspector.Operations.Count == 2, TimeSpan.FromSeconds(60), "bytes stored and both operations started");
            first.Kill();
        }

        var again = await EngineProcess.RunAsync(Batch(jobs));

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("already in the journal", again.Stderr);
        AssertEverythingArrived(again.StdoutLines);
        Assert.Equal(2, emulator.Server.Inspector.SessionsOpened);
        Assert.Equal(1, emulator.Server.Inspector.DownloadCalls("alpha"));
        Assert.Equal(1, emulator.Server.Inspector.DownloadCalls("beta"));
    }

    [Fact]
    public async Task A_finished_list_run_again_reports_every_job_and_transfers_nothing()
    {
        var jobs = WriteJobs();
        Assert.Equal(0, (await EngineProcess.RunAsync(Batch(jobs))).ExitCode);
        var requestsBefore = emulator.Server.Inspector.RequestCount;

        var again = await EngineProcess.RunAsync(Batch(jobs));

        Assert.True(again.ExitCode == 0, again.ToString());
        AssertEverythingArrived(again.StdoutLines);
        Assert.Equal(requestsBefore, emulator.Server.Inspector.RequestCount);
    }

    [Theory]
    [InlineData("""{"upload":"a.mp4","download":"x"}""", "exactly one of")]
    [InlineData("""{"upload":"a.mp4","chunk":"1MiB"}""", "unknown key \"chunk\"")]
    [InlineData("""{"download":"x"}""", "\"out\" is missing")]
    [InlineData("""{"upload":"a.mp4","chunkSize":"lots"}""", "'lots' is not a size")]
    [InlineData("""{"upload":"a.mp4","metadata":"title"}""", "\"metadata\" is the video resource")]
    [InlineData("""{"upload":"a.mp4"}""", "is already named by 'jobs.jsonl' line 1")]
    [InlineData("""{"download":"x","out":"a.mp4"}""", "is already named by 'jobs.jsonl' line 1")]
    [InlineData("upload a.mp4", "not valid JSON")]
    [InlineData("""{"upload":"missing.mp4"}""", "does not exist")]
    public async Task A_bad_line_is_a_usage_error_naming_it_and_nothing_is_submitted(string secondLine, string expected)
    {
        TestFiles.Write(temp.File("a.mp4"), 1000, seed: 1);
        var jobs = temp.File("jobs.jsonl");
        await File.WriteAllLinesAsync(jobs, ["""{"upload":"a.mp4"}""", secondLine]);

        var result = await EngineProcess.RunAsync(Batch(jobs));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("'jobs.jsonl' line 2", result.Stderr);
        Assert.Contains(expected, result.Stderr);
        Assert.Equal(0, emulator.Server.Inspector.RequestCount);
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        temp.Dispose();
    }

    private EngineRun Batch(string jobs) =>
        new(temp.Path, ["batch", jobs, "--endpoint", emulator.Endpoint, "--journal", temp.File("journal.db"), .. DownloadSettings.FastPolls]) { Token = Token };

    /// <summary>Two uploads (one in 256 KiB chunks) and two downloads (a ranged blob and a Docs export), relative paths.</summary>
    private string WriteJobs()
    {
        TestFiles.Write(temp.File("one.mp4"), UploadSize, seed: 1);
        TestFiles.Write(temp.File("two.mp4"), UploadSize + 1, seed: 2);
        Directory.CreateDirectory(temp.File("out"));
        var jobs = temp.File("jobs.jsonl");
        File.WriteAllLines(jobs,
        [
            """{"upload":"one.mp4","contentType":"video/mp4"}""",
            """{"upload":"two.mp4","chunkSize":"256KiB","metadata":{"snippet":{"title":"two.mp4"}}}""",
            "",
            """{"download":"alpha","out":"out/alpha.bin"}""",
            """{"download":"beta","out":"out/beta.pdf"}""",
        ]);
        return jobs;
    }

    private void AssertEverythingArrived(IReadOnlyList<string> stdout)
    {
        var lines = stdout.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        Assert.Equal(4, lines.Count);
        foreach (var name in new[] { "one.mp4", "two.mp4" })
        {
            var stored = Assert.Single(emulator.Server.Inspector.CompletedUploads, u => u.Title == name);
            Assert.Equal(TestFiles.Sha256(temp.File(name)), stored.Sha256);
            Assert.Single(lines, l => l.TryGetProperty("file", out var file) && file.GetString() == temp.File(name));
        }

        foreach (var (id, path) in new[] { ("alpha", "out/alpha.bin"), ("beta", "out/beta.pdf") })
        {
            Assert.Equal(emulator.Server.Files.Find(id)!.Head.Content.ComputeSha256(), TestFiles.Sha256(temp.File(path)));
            Assert.Single(lines, l => l.TryGetProperty("fileId", out var file) && file.GetString() == id);
        }
    }
}
