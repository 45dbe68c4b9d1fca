using System.Globalization;
using Engine.Cli.Output;
using Engine.Transfers;
using Spectre.Console;

namespace Engine.Cli.Demo;

/// <summary>The demo's summary on stdout: a row per file, the totals, and every failed check (exit 1 if any).</summary>
internal sealed class DemoReport(IReadOnlyList<DemoOutcome> outcomes, IReadOnlySet<string> interrupted, DemoCrash? crash, TimeSpan elapsed,
    IReadOnlyDictionary<string, long> faultsFired, int operationPolls)
{
    /// <summary>Every failed check; empty when the demo passed.</summary>
    public IReadOnlyList<string> Failures { get; } =
        outcomes.SelectMany(o => o.Failures(interrupted.Contains(o.Final.Id)))
            .Concat(crash is null ? ["The first engine finished every upload before it could be killed, so nothing was resumed; run again with larger --size."]
                : interrupted.Count == 0 ? ["No upload was in flight when the first engine was killed, so nothing was resumed; run again with larger --size."]
                : [])
            .ToList();

    public void Write(IAnsiConsole console)
    {
        var files = new Table().Title("engine demo: uploads, then downloads back").Border(TableBorder.Rounded)
            .AddColumns("file", "size", "SHA-256 (server = file)", "sessions", "server had at restart", "resumed at", "retries after restart", "downloaded back", "result");
        foreach (var o in outcomes)
        {
            var failed = o.Failures(interrupted.Contains(o.Final.Id)).Any();
            files.AddRow(
                Cell(o.File.Name), Cell(ByteSize.Format(o.File.Size)), Cell(o.Server.StoredSha256 is { } sha ? sha[..16] + "…" : "none"),
                Cell(Number(o.Server.SessionsOpened)), Cell(o.Resume is { } r ? Number(r.Reported) : "finished before"),
                Cell(o.Resume is { ResentFrom: { } from } ? Number(from) : "-"), Cell(Number(o.Retries)),
                Cell(o.DownloadedSha256 is null ? "no" : o.DownloadedSha256 == o.File.Sha256 ? "byte-exact" : "differs"),
                new Markup(failed ? "[red]FAILED[/]" : "[green]ok[/]"));
        }

        console.Write(files);
        console.Write(Totals());
        if (Failures.Count == 0)
        {
            console.MarkupLine("[green]All checks passed[/]: every file is stored byte-exact (SHA-256), in one session each, every upload the killed engine left unfinished resumed at the byte the server had, and every download matches the original.");
        }
        else
        {
            foreach (var failure in Failures)
            {
                console.MarkupLine($"[red]FAILED[/] {Markup.Escape(failure)}");
            }
        }
    }

    private Table Totals()
    {
        var total = outcomes.Sum(o => o.File.Size);
        var wire = outcomes.Sum(o => o.Server.WireBytes);
        var resumed = outcomes.Where(o => o.Resume is not null).ToList();
        var atRestart = resumed.Sum(o => o.Resume!.Reported);
        var heldResent = resumed.Sum(o => o.Resume!.HeldResent);
        var sentAfter = resumed.Sum(o => o.Resume!.SentAfter);
        var lacked = resumed.Sum(o => o.File.Size - o.Resume!.Reported);
        var faults = faultsFired.Count == 0 ? "none fired" : string.Join(", ", faultsFired.Select(f => $"{f.Key} ×{f.Value}"));
        var table = new Table().Title("totals").Border(TableBorder.Rounded).AddColumns("", "").HideHeaders();
        void Row(string name, string value) => table.AddRow(Cell(name), Cell(value));
        Row("files", Number(outcomes.Count));
        Row("bytes", $"{ByteSize.Format(total)} ({Number(total)})");
        var moved = total + outcomes.Where(o => o.DownloadedSha256 is not null).Sum(o => o.File.Size);
        Row("time", string.Create(CultureInfo.InvariantCulture, $"{elapsed.TotalSeconds:0.0} s (uploads, engine killed and restarted, downloads)"));
        Row("throughput", $"{ByteSize.Format((long)(moved / Math.Max(elapsed.TotalSeconds, 0.001)))}/s ({ByteSize.Format(moved)} uploaded and downloaded)");
        Row("faults injected", faults);
        Row("retries", $"{Number(outcomes.Sum(o => o.Retries))} by the new engine (the killed engine's went down with it)");
        Row("first engine killed", crash is null
            ? "no: it finished every upload first"
            : $"process {crash.ProcessId} killed with {crash.Signal} mid-transfer, {Number(interrupted.Count)} upload(s) in flight; " +
              $"the server then had {ByteSize.Format(atRestart)} of their {ByteSize.Format(resumed.Sum(o => o.File.Size))}");
        Row("resumes", $"{Number(resumed.Count)} continued by a new engine on the same journal, each at the byte the server reported");
        Row("after the restart", $"{ByteSize.Format(heldResent)} of what the server held sent again; {ByteSize.Format(sentAfter)} sent for the " +
                                 $"{ByteSize.Format(lacked)} it lacked" + (sentAfter > lacked ? " (the rest again after injected faults)" : ""));
        Row("downloads", $"{Number(outcomes.Count(o => o.Download?.Phase == TransferPhase.Completed))} through Drive long-running operations, " +
                         $"{Number(operationPolls)} polls, {Number(outcomes.Sum(o => o.Download?.Retries ?? 0))} retries");
        Row("bytes on the wire", $"{ByteSize.Format(wire)} for {ByteSize.Format(total)} of media");
        Row("bytes re-sent", $"{ByteSize.Format(Math.Max(0, wire - total))} ({Percent(wire - total, total)} of the total), of which " +
                             $"{ByteSize.Format(heldResent)} the server already held at the restart; the rest was cut or dropped by the injected faults");
        return table;
    }

    private static Text Cell(string text) => new(text);

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(long part, long whole) =>
        string.Create(CultureInfo.InvariantCulture, $"{(whole == 0 ? 0 : 100.0 * Math.Max(0, part) / whole):0.0}%");
}
