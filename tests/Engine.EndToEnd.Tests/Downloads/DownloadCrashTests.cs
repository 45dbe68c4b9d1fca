using System.Text.Json;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Downloads;

/// <summary>
/// Issue 4's crash tests: a real <c>engine download</c> killed with SIGKILL while polling, and while fetching content;
/// <c>engine resume</c> finishes byte-exact without a second <c>download()</c> call and without fetching again more
/// than the segments that were in flight.
/// </summary>
public sealed class DownloadCrashTests : IAsyncLifetime
{
    private const string FileId = "movie";
    private const int SegmentSize = 512 * 1024;
    private const int Segments = 2;
    private readonly TempDirectory temp = new();
    private EmulatorFixture emulator = null!;

    public async Task InitializeAsync() => emulator = await EmulatorFixture.StartAsync($"file=id={FileId},size=3MiB,seed=11");

    [Fact]
    public async Task Killed_while_polling_resume_polls_the_same_operation_and_finishes_byte_exact()
    {
        emulator.Server.Options.OperationPendingTime = TimeSpan.FromHours(1); // pending until the test lets it finish

        using (var download = StartDownload())
        {
            await download.WaitUntilAsync(() => emulator.Server.Inspector.Operations is [{ PollTimes.Count: >= 1 }], TimeSpan.FromSeconds(60), "a poll");
            download.Kill();
        }

        var operation = Assert.Single(emulator.Server.Inspector.Operations);
        Assert.False(operation.Done);
        await AssertListedUnfinishedAsync();
        emulator.Server.Options.OperationPendingTime = TimeSpan.Zero;

        await ResumeAndCheckAsync();
        Assert.Equal(operation.Name, Assert.Single(emulator.Server.Inspector.Operations).Name);
    }

    [Fact]
    public async Task Killed_while_fetching_content_resume_fetches_only_the_missing_ranges()
    {
        emulator.Server.Faults.Add("bandwidth:bps=512KiB,on=content"); // each segment takes a second

        using (var download = StartDownload())
        {
            await download.WaitUntilAsync(() => CompleteRangesServed() >= 3, TimeSpan.FromSeconds(60), "three segments served");
            download.Kill();
        }

        await AssertListedUnfinishedAsync();
        emulator.Server.Faults.Clear();

        await ResumeAndCheckAsync();
        var ranges = Assert.Single(emulator.Server.Inspector.Operations).RangesServed;
        var refetched = ranges.Sum(r => r.BytesSent) - FileSize;
        Assert.True(refetched <= Segments * SegmentSize,
            $"fetched {refetched} bytes twice; at most the {Segments} segments of {SegmentSize} bytes in flight may be. Ranges: " +
            string.Join(", ", ranges.Select(r => $"{r.First}-{r.Last} sent {r.BytesSent}{(r.Aborted ? " (cut)" : "")}")));
    }

    public async Task DisposeAsync()
    {
        await emulator.DisposeAsync();
        temp.Dispose();
    }

    private long FileSize => emulator.Server.Files.Find(FileId)!.Head.Content.Length;

    private string Destination => temp.File("movie.bin");

    private string Journal => temp.File("journal.db");

    private int CompleteRangesServed() =>
        emulator.Server.Inspector.Operations.SelectMany(o => o.RangesServed).Count(r => !r.Aborted && r.Status == 206);

    private EngineProcess StartDownload() => EngineProcess.Start(new EngineRun(temp.Path,
    [
        "download", FileId, "--endpoint", emulator.Endpoint, "--out", Destination, "--journal", Journal,
        "--set", $"engine.download.segments={Segments}", "--set", $"engine.download.segment-size={SegmentSize}", .. DownloadSettings.FastPolls,
    ])
    {
        Token = "t",
    });

    private async Task AssertListedUnfinishedAsync()
    {
        var listed = await EngineProcess.RunAsync(new EngineRun(temp.Path, "list", "--journal", Journal, "--json"));
        Assert.True(listed.ExitCode == 0, listed.ToString());
        var entry = Assert.Single(JsonDocument.Parse(string.Join('\n', listed.StdoutLines)).RootElement.EnumerateArray());
        Assert.Equal("Download", entry.GetProperty("kind").GetString());
        Assert.NotEqual("Completed", entry.GetProperty("phase").GetString());
        Assert.False(File.Exists(Destination), "the destination appears only once complete");
    }

    private async Task ResumeAndCheckAsync()
    {
        var resumed = await EngineProcess.RunAsync(new EngineRun(temp.Path, ["resume", "--journal", Journal, .. DownloadSettings.FastPolls]) { Token = "t" });

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        var line = JsonDocument.Parse(Assert.Single(resumed.StdoutLines)).RootElement;
        Assert.Equal(Destination, line.GetProperty("path").GetString());
        var expected = emulator.Server.Files.Find(FileId)!.Head.Content.ComputeSha256();
        Assert.Equal(expected, TestFiles.Sha256(Destination));
        Assert.Equal(expected, line.GetProperty("sha256").GetString());
        Assert.Equal(1, emulator.Server.Inspector.DownloadCalls(FileId));
    }
}
