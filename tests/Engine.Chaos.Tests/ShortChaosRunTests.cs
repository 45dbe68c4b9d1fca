namespace Engine.Chaos.Tests;

/// <summary>
/// Issue 7's chaos run, short: 40 uploads and 40 downloads through a real <c>engine batch</c> process, SIGKILLed seven
/// times at seeded moments, against the emulator with seeded faults of every kind; every check of the harness must
/// pass. The long run (docs/reliability.md) is the same harness with a larger workload.
/// </summary>
public sealed class ShortChaosRunTests
{
    public static readonly ChaosOptions Short = new()
    {
        Seed = 7,
        Uploads = 40,
        Downloads = 40,
        Kills = 7,
        Duration = TimeSpan.FromSeconds(20),
        MaxFileSize = 1024 * 1024,
        FinishTimeout = TimeSpan.FromMinutes(3),
    };

    [Fact]
    public async Task A_short_chaos_run_passes_every_check()
    {
        var progress = new StringWriter();

        var report = await ChaosHarness.RunAsync(Short, progress);

        Assert.True(report.Passed, $"{report}\n{progress}");
        Assert.Equal(Short.Kills, report.Run.Kills.Count);
        Assert.Equal(Short.Uploads + Short.Downloads, report.Run.Journal.Count);
    }
}
