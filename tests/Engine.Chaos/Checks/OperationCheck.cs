using Engine.Chaos.Running;
using Engine.Emulator.Drive;

namespace Engine.Chaos.Checks;

/// <summary>
/// The download side of the session check: a crash never costs a second <c>download()</c> call. A download started a
/// new operation only after the one before finished with an error (the engine retries or runs again retryable codes),
/// or was lost (older than the emulator's operation lifetime, so NOT_FOUND), or was orphaned by a kill (never polled,
/// created for a process that was killed, and the next one came from a later process).
/// </summary>
public static class OperationCheck
{
    /// <summary>Operation figures for the report.</summary>
    public sealed record Operations(int Started, int AfterError, int AfterLoss, int OrphanedByKill);

    /// <summary>Runs the check; <paramref name="operations"/> gets the figures.</summary>
    public static CheckResult Run(ChaosRun run, EmulatorView view, out Operations operations)
    {
        var result = new CheckResult("operations",
            "no download started a second operation unless the first failed with an error, was lost to its lifetime, or was orphaned by a kill");
        var lifetime = run.Emulator.Options.OperationLifetime;
        int afterError = 0, afterLoss = 0, orphaned = 0;
        foreach (var download in run.Workload.Downloads)
        {
            var started = view.OperationsOf(download);
            for (var i = 0; i + 1 < started.Count; i++)
            {
                var (earlier, next) = (started[i], started[i + 1]);
                if (earlier.ErrorCode is not null)
                {
                    afterError++;
                }
                else if (next.CreatedAt - earlier.CreatedAt >= lifetime)
                {
                    afterLoss++;
                }
                else if (earlier.PollTimes.Count == 0
                         && run.WasKilled(run.ProcessAt(earlier.CreatedAt)) && run.ProcessAt(next.CreatedAt) > run.ProcessAt(earlier.CreatedAt))
                {
                    orphaned++;
                }
                else
                {
                    result.Fail($"{download.FileId} started operation {i + 2} at {next.CreatedAt:HH:mm:ss.fff} while operation {i + 1} " +
                                $"({Describe(earlier)}) was neither failed, lost nor orphaned.");
                }
            }
        }

        result.Coverage = $"{view.Operations.Count} operations of {run.Workload.Downloads.Count} downloads";
        operations = new Operations(view.Operations.Count, afterError, afterLoss, orphaned);
        return result;
    }

    private static string Describe(OperationInfo operation) =>
        $"{operation.PollTimes.Count} polls, {(operation.Done ? "done" : "pending")}, {operation.RangesServed.Count} content responses";
}
