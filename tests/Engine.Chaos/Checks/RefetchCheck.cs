using Engine.Chaos.Running;
using Engine.Emulator.Drive;

namespace Engine.Chaos.Checks;

/// <summary>
/// The download side of the re-sent bytes check (as the download crash test checks): within the operation that
/// delivered a download, content fetched more than once is bounded by what was cut (a reset mid-body, a process killed
/// mid-body) plus, per killed process that fetched it, the segments in flight (a whole export, which cannot be ranged):
/// bytes the server sent may have reached a process that died before flushing and recording them. A resume never
/// fetches again what was recorded. Content served by an operation that was then lost or replaced is discarded by
/// design (a new operation may serve other bytes) and reported apart.
/// </summary>
public static class RefetchCheck
{
    /// <summary>Download byte figures for the report.</summary>
    public sealed record DownloadBytes(long Content, long Served, long Refetched, long CutMidBody, long ServedByReplacedOperations);

    /// <summary>Runs the check; <paramref name="bytes"/> gets the figures.</summary>
    public static CheckResult Run(ChaosRun run, EmulatorView view, out DownloadBytes bytes)
    {
        var result = new CheckResult("re-fetched bytes",
            "within the operation that delivered a download, content fetched again stays within the bytes cut mid-body plus the segments in flight at each kill");
        long served = 0, refetched = 0, cut = 0, replaced = 0;
        foreach (var download in run.Workload.Downloads)
        {
            var operations = view.OperationsOf(download);
            long Sent(OperationInfo o) => o.RangesServed.Where(r => r.Status is 200 or 206).Sum(r => r.BytesSent);
            served += operations.Sum(Sent);
            replaced += operations.SkipLast(1).Sum(Sent);
            if (operations.Count == 0 || !File.Exists(download.Destination))
            {
                continue; // failed: nothing to bound
            }

            var last = operations[^1];
            var ranges = last.RangesServed.Where(r => r.Status is 200 or 206).ToList();
            var cutHere = ranges.Where(r => r.Aborted).Sum(r => r.BytesSent);
            cut += cutHere;
            var again = Sent(last) - download.Size;
            refetched += again;
            var killsWhileFetching = view.ContentRequestsOf(last.Name).Select(r => run.ProcessAt(r.Time)).Distinct().Count(run.WasKilled);
            var inFlightPerKill = download.Kind == DriveFileKind.Blob ? EngineCommands.Segments * EngineCommands.SegmentSize : download.Size;
            var bound = cutHere + killsWhileFetching * inFlightPerKill;
            if (again > bound)
            {
                result.Fail($"{download.FileId} fetched {again} bytes again; the bound is {bound} ({cutHere} cut mid-body + {killsWhileFetching} kills × {inFlightPerKill}). " +
                            $"Responses: {string.Join(", ", ranges.Select(r => $"{r.First}-{r.Last} sent {r.BytesSent}{(r.Aborted ? " (cut)" : "")}"))}");
            }
        }

        result.Coverage = $"{run.Workload.Downloads.Count(d => File.Exists(d.Destination))} completed downloads";
        bytes = new DownloadBytes(run.Workload.Downloads.Sum(d => d.Size), served, refetched, cut, replaced);
        return result;
    }
}
