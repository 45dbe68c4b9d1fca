using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Engine.EndToEnd.Tests.Support;

namespace Engine.EndToEnd.Tests.Demo;

/// <summary>
/// <c>engine demo</c> as a real process on a clean folder (issue 6): its first engine is a child process killed with
/// SIGKILL mid-transfer, a new engine resumes on the same journal, every check passes and the summary says so.
/// </summary>
public sealed class DemoCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    [Fact]
    public async Task The_demo_uploads_through_faults_and_a_killed_engine_downloads_back_and_prints_a_passing_summary()
    {
        var dir = temp.File("demo");

        using var demo = EngineProcess.Start(new EngineRun(temp.Path, "demo", "--dir", dir, "--files", "3", "--size", "8MiB"));
        var result = await demo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = string.Join('\n', result.StdoutLines);
        Assert.Contains("engine demo: uploads, then downloads back", summary);
        Assert.Contains("All checks passed", summary);
        Assert.DoesNotContain("FAILED", summary);
        foreach (var name in new[] { "clip-1.mp4", "clip-2.mp4", "clip-3.mp4" })
        {
            Assert.Contains(name, summary);
        }

        Assert.Contains("throughput", summary);
        Assert.Contains("resumes", summary);
        // The first engine was a process of its own, killed abruptly, and the new engine resumed what it left.
        var killed = Regex.Match(result.Stderr, @"killed the first engine \(process (\d+), SIGKILL\) mid-transfer");
        Assert.True(killed.Success, result.ToString());
        var firstEngine = int.Parse(killed.Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.NotEqual(demo.Id, firstEngine);
        Assert.Contains($"first engine: process {firstEngine} runs 'engine upload'", result.Stderr);
        Assert.False(Runs(firstEngine), $"the first engine (process {firstEngine}) still runs");
        Assert.Contains($"process {firstEngine} killed with SIGKILL mid-transfer", summary);
        var resumed = Regex.Match(summary, @"(\d+) continued by a new engine on the same journal");
        Assert.True(resumed.Success && int.Parse(resumed.Groups[1].Value, CultureInfo.InvariantCulture) > 0, summary);
        Assert.Contains("0 B of what the server held sent again", summary);
        Assert.True(File.Exists(Path.Combine(dir, "journal.db")), "the journal lives in the demo folder");
        Assert.Equal(3, Directory.GetFiles(Path.Combine(dir, "media")).Length);
        foreach (var media in Directory.GetFiles(Path.Combine(dir, "media")))
        {
            var copy = Path.Combine(dir, "downloads", Path.GetFileName(media));
            Assert.Equal(TestFiles.Sha256(media), TestFiles.Sha256(copy));
        }
    }

    [Fact]
    public async Task The_demo_refuses_to_wipe_a_folder_it_did_not_make()
    {
        var dir = temp.File("precious");
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, "thesis.txt"), "do not delete");

        var result = await EngineProcess.RunAsync(new EngineRun(temp.Path, "demo", "--dir", dir));

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains("was not made by 'engine demo'", result.Stderr);
        Assert.True(File.Exists(Path.Combine(dir, "thesis.txt")));
    }

    public void Dispose() => temp.Dispose();

    private static bool Runs(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no such process
        }
    }
}
