using Engine.Chaos.Reporting;
using Engine.Chaos.Running;

namespace Engine.Chaos;

/// <summary>Runs one chaos run from its options to its checked report.</summary>
public static class ChaosHarness
{
    /// <summary>
    /// Prepares the files and the emulator, runs the kill phase and the finishing run, and checks everything. The working
    /// directory is deleted after a passing run unless <see cref="ChaosOptions.Directory"/> names it.
    /// </summary>
    /// <param name="options">What to run.</param>
    /// <param name="progress">Gets a line per kill and one at the end of the last run.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static async Task<ChaosReport> RunAsync(ChaosOptions options, TextWriter progress)
    {
        options.Validate();
        var directory = options.Directory ?? Path.Combine(Path.GetTempPath(), "engine-chaos-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var loadBefore = LoadAverage();
        ChaosReport report;
        await using (var run = await ChaosRun.PrepareAsync(options, directory, progress))
        {
            await progress.WriteLineAsync($"chaos: seed {options.Seed}, {options.Uploads} uploads + {options.Downloads} downloads, " +
                                          $"{options.Kills} kills over about {options.Duration.TotalSeconds:F0} s, in {directory}");
            await run.ExecuteAsync();
            report = new ChaosReport(run, options, loadBefore, LoadAverage());
        }

        await File.WriteAllTextAsync(Path.Combine(directory, "report.txt"), report.ToString());

        if (report.Passed && options.Directory is null)
        {
            Directory.Delete(directory, recursive: true);
        }

        return report;
    }

    // What `uptime` shows: the 1, 5 and 15 minute load averages.
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
}
