using System.Globalization;
using System.Text;
using Engine.Chaos.Checks;
using Engine.Chaos.Running;
using Engine.Emulator.Drive;

namespace Engine.Chaos.Reporting;

/// <summary>The figures and verdicts of one chaos run, and their text form.</summary>
public sealed class ChaosReport
{
    private const int FailuresShownPerCheck = 15;

    /// <summary>Checks what <paramref name="run"/> saw and gathers its figures.</summary>
    public ChaosReport(ChaosRun run, ChaosOptions options, string loadBefore, string loadAfter)
    {
        Run = run;
        Options = options;
        LoadBefore = loadBefore;
        LoadAfter = loadAfter;
        var view = new EmulatorView(run.Emulator);
        Checks =
        [
            RunCheck(run, view),
            OutcomeCheck.Run(run, view, out var outcomes),
            SessionCheck.Run(run, view, out var sessions),
            OperationCheck.Run(run, view, out var operations),
            DestinationCheck.Run(run),
            ResendCheck.Run(run, view, out var uploadBytes),
            RefetchCheck.Run(run, view, out var downloadBytes),
        ];
        Outcomes = outcomes;
        Sessions = sessions;
        Operations = operations;
        UploadBytes = uploadBytes;
        DownloadBytes = downloadBytes;
        FaultsByRule = run.Emulator.Inspector.FaultsFiredByRule;
        FaultsByKind = run.Emulator.Inspector.FaultsFired;
        Requests = view.Requests.Count;
    }

    /// <summary>The run the report is about.</summary>
    public ChaosRun Run { get; }

    /// <summary>The options it ran with.</summary>
    public ChaosOptions Options { get; }

    /// <summary><c>/proc/loadavg</c> before the run.</summary>
    public string LoadBefore { get; }

    /// <summary><c>/proc/loadavg</c> after the run.</summary>
    public string LoadAfter { get; }

    /// <summary>Every check, in report order.</summary>
    public IReadOnlyList<CheckResult> Checks { get; }

    /// <summary>Whether every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);

    /// <summary>Outcome counts.</summary>
    public OutcomeCheck.Outcomes Outcomes { get; }

    /// <summary>Session figures.</summary>
    public SessionCheck.Sessions Sessions { get; }

    /// <summary>Operation figures.</summary>
    public OperationCheck.Operations Operations { get; }

    /// <summary>Upload byte figures.</summary>
    public ResendCheck.UploadBytes UploadBytes { get; }

    /// <summary>Download byte figures.</summary>
    public RefetchCheck.DownloadBytes DownloadBytes { get; }

    /// <summary>Faults that took effect, by rule.</summary>
    public IReadOnlyDictionary<string, long> FaultsByRule { get; }

    /// <summary>Faults that took effect, by kind.</summary>
    public IReadOnlyDictionary<string, long> FaultsByKind { get; }

    /// <summary>Requests the emulator answered.</summary>
    public int Requests { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.Append(line).Append('\n');
        string Bytes(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
        var workload = Run.Workload;

        Line($"Chaos run: seed {Options.Seed}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, wall time {Run.WallTime.TotalSeconds:F1} s, " +
             $"load average {LoadBefore} before, {LoadAfter} after");
        Line($"  transfers: {workload.Uploads.Count} uploads ({workload.Uploads.Count(u => u.ChunkSize == 0)} in one PUT, " +
             $"{workload.Uploads.Count(u => u.ChunkSize > 0)} chunked), {workload.Downloads.Count} downloads " +
             $"({workload.Downloads.Count(d => d.Kind == DriveFileKind.Blob)} ranged blobs, {workload.Downloads.Count(d => d.Kind != DriveFileKind.Blob)} whole Docs exports)");
        var killed = Run.Runs.Where(r => r.Killed).ToList();
        Line($"  kills: {Run.Kills.Count} of {Run.KillPlan.Count} planned (SIGKILL after {Range(killed.Select(r => r.Lifetime.TotalSeconds))} s; " +
             $"the emulator took the dead process's last requests {Range(Run.Kills.Select(k => (k.SettledAt - k.KilledAt).TotalSeconds))} s after each, " +
             $"{Run.Kills.Sum(k => k.DrainingPuts)} capped PUTs still reading a dead client's buffered body); " +
             $"engine processes: {Run.Runs.Count}; last one: {Run.Runs.LastOrDefault()?.Lifetime.TotalSeconds:F1} s, exit {Run.Runs.LastOrDefault()?.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        Line($"  requests answered by the emulator: {Requests:N0}; faults injected: {FaultsByRule.Values.Sum():N0} " +
             $"({string.Join(", ", FaultsByKind.OrderByDescending(f => f.Value).Select(f => $"{f.Key} {f.Value:N0}"))})");
        foreach (var rule in Run.Faults.Rules)
        {
            Line($"      {FaultsByRule.GetValueOrDefault(rule),6:N0}  {rule}");
        }

        Line($"  emulator settings: {string.Join(", ", Run.Faults.Settings)}");
        Line($"  retries reported by the engine: {Run.Runs.Sum(r => r.Retries):N0}");
        Line($"  upload bytes: {Bytes(UploadBytes.Source)} to send; the server received {Bytes(UploadBytes.Received)}, of which " +
             $"{Bytes(UploadBytes.StoredInLastSessions)} stayed in the uploads' last sessions; re-sent {Bytes(UploadBytes.Received - UploadBytes.StoredInLastSessions)}: " +
             $"{Bytes(UploadBytes.DiscardedByFaults)} discarded by faults (5xx bodies, partial stores), {Bytes(UploadBytes.StoredInAbandonedSessions)} stored in " +
             $"expired or orphaned sessions, {Bytes(UploadBytes.ResentAfterKills)} the server already held (checked on {UploadBytes.SessionsResumed} resumptions of a session after a kill)");
        Line($"  download bytes: {Bytes(DownloadBytes.Content)} of content; served {Bytes(DownloadBytes.Served)}: " +
             $"{Bytes(DownloadBytes.ServedByReplacedOperations)} by operations later lost or replaced (discarded by design), and within the delivering " +
             $"operations {Bytes(DownloadBytes.Refetched)} fetched again ({Bytes(DownloadBytes.CutMidBody)} cut mid-body by resets and kills)");
        Line($"  sessions: {Sessions.Opened} opened, {Sessions.ReplacedAfterExpiry} replaced after an expiry, {Sessions.OrphanedByKill} orphaned by a kill, " +
             $"at most {Sessions.MostForOneUpload} for one upload");
        Line($"  operations: {Operations.Started} started, {Operations.AfterError} replaced after an operation error, {Operations.AfterLoss} after expiring, " +
             $"{Operations.OrphanedByKill} orphaned by a kill");
        Line($"  outcomes: {Outcomes.UploadsCompleted} uploads and {Outcomes.DownloadsCompleted} downloads completed byte-exact; " +
             $"failed for a documented permanent reason: {Outcomes.FailedByReason.Values.Sum()}" +
             (Outcomes.FailedByReason.Count == 0 ? "" : $" ({string.Join(", ", Outcomes.FailedByReason.OrderBy(f => f.Key).Select(f => $"{f.Key} {f.Value}"))})") +
             $"; left unfinished: {Outcomes.Other}");
        Line("  checks:");
        foreach (var check in Checks)
        {
            Line($"    {(check.Passed ? "PASS" : "FAIL")} {check.Name}: {check.Meaning} [{check.Coverage}]");
            foreach (var failure in check.Failures.Take(FailuresShownPerCheck))
            {
                Line($"         {failure}");
            }

            if (check.Failures.Count > FailuresShownPerCheck)
            {
                Line($"         … and {check.Failures.Count - FailuresShownPerCheck} more");
            }
        }

        Line(Passed ? "CHAOS RUN PASSED" : $"CHAOS RUN FAILED (files kept in {Run.Directory})");
        return text.ToString();
    }

    private static CheckResult RunCheck(ChaosRun run, EmulatorView view)
    {
        var result = new CheckResult("run", "every planned kill landed while the list was unfinished, and the last run finished it");
        foreach (var problem in run.Problems)
        {
            result.Fail(problem);
        }

        if (!view.RequestLogComplete)
        {
            result.Fail("The emulator's request log overflowed; raise request-log-capacity so every request can be checked.");
        }

        result.Coverage = $"{run.Kills.Count} kills, {run.Runs.Count} engine processes";
        return result;
    }

    private static string Range(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? "-" : string.Create(CultureInfo.InvariantCulture, $"{list.Min():F1}–{list.Max():F1}");
    }

}
