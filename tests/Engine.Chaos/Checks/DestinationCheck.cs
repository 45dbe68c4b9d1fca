using Engine.Chaos.Running;

namespace Engine.Chaos.Checks;

/// <summary>
/// No file ever appeared at its destination incomplete: every destination present when looked at (after every kill,
/// every quarter second while an engine ran, and at the end) held exactly the expected bytes; partial data lived beside
/// it until the atomic rename, and no partial file is left beside a completed download.
/// </summary>
public static class DestinationCheck
{
    /// <summary>Runs the check from what the run's watch saw.</summary>
    public static CheckResult Run(ChaosRun run)
    {
        var result = new CheckResult("destinations", "no file ever appeared at its destination incomplete (looked at after every kill and while engines ran), and no partial file outlived its download");
        foreach (var violation in run.Destinations.Violations)
        {
            result.Fail(violation);
        }

        foreach (var download in run.Workload.Downloads.Where(d => File.Exists(d.Destination)))
        {
            var folder = Path.GetDirectoryName(download.Destination)!;
            foreach (var partial in Directory.GetFiles(folder, Path.GetFileName(download.Destination) + ".*.partial"))
            {
                result.Fail($"{download.FileId} completed, but its partial file '{Path.GetFileName(partial)}' is still there.");
            }
        }

        result.Coverage = $"{run.Destinations.ScansAfterKills} scans after kills, {run.Destinations.Verified} destinations verified byte-exact when first seen";
        return result;
    }
}
