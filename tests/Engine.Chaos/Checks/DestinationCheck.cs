using Engine.Chaos.Running;

namespace Engine.Chaos.Checks;

/// <summary>
/// No file ever appeared at its destination incomplete: every destination present when looked at (after every kill,
/// every quarter second while an engine ran, and at the end) held exactly the expected bytes; partial data lived beside
/// it until the atomic rename.
/// </summary>
public static class DestinationCheck
{
    /// <summary>Runs the check from what the run's watch saw.</summary>
    public static CheckResult Run(ChaosRun run)
    {
        var result = new CheckResult("destinations", "no file ever appeared at its destination incomplete (looked at after every kill and while engines ran)");
        foreach (var violation in run.Destinations.Violations)
        {
            result.Fail(violation);
        }

        result.Coverage = $"{run.Destinations.ScansAfterKills} scans after kills, {run.Destinations.Verified} destinations verified byte-exact when first seen";
        return result;
    }
}
