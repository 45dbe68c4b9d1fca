using Engine.Benchmarks.Support;
using Engine.Benchmarks.Uploads;

namespace Engine.Benchmarks.Load;

/// <summary>The printed outcome of a load run, one <c>key: value</c> per line (pasted into benchmarks/README.md).</summary>
internal sealed record LoadReport(LoadOptions Options, LoadResult Result, JournalFigures Journal, long PeakManagedBytes, int ActiveAtOnce, long EmulatorPeakRss,
    Concurrency Peaks)
{
    public void Print(TextWriter output)
    {
        var seconds = Result.Wall.TotalSeconds;
        var done = Result.CompletionTimes.Length;
        var totalBytes = (double)Options.Size * done;
        var perTransfer = done == 0 ? 0 : Result.CompletionTimes.Average(t => Options.Size / t.TotalSeconds);
        var growth = Math.Max(0, Result.PeakRss - Result.RssBefore);
        output.WriteLine($"mode: {(Options.Raw ? "raw" : "engine")}");
        output.WriteLine($"transfers: {Options.Transfers:N0} × {Sizes.Format(Options.Size)} {Options.Kind.ToString().ToLowerInvariant()} (upload chunk {new Chunk(Options.Chunk)}), {ActiveAtOnce:N0} moving at once (peak)");
        output.WriteLine($"wall time: {seconds:F2} s");
        output.WriteLine($"completed: {done:N0}; failed: {Result.Failed:N0}{(Result.FirstFailure is { } first ? $" (first: {first})" : "")}");
        output.WriteLine($"aggregate throughput: {Sizes.Rate(totalBytes / seconds)} ({done / seconds:N0} transfers/s)");
        output.WriteLine($"per-transfer throughput (mean of size / completion time from the common start): {perTransfer / 1e3:N1} KB/s");
        output.WriteLine($"CPU time of this process: {Result.Cpu.TotalSeconds:F1} s ({(done == 0 ? 0 : Result.Cpu.TotalMilliseconds / done):F2} ms per completed transfer)");
        if (done > 0)
            output.WriteLine($"completion time from common start: p50 {Percentile(0.50):F2} s, p99 {Percentile(0.99):F2} s, max {Result.CompletionTimes[^1].TotalSeconds:F2} s");
        output.WriteLine($"peak RSS (VmHWM): {Mib(Result.PeakRss)} (before the transfers {Mib(Result.RssBefore)}; emulator child {Mib(EmulatorPeakRss)})");
        output.WriteLine($"memory per active transfer: {growth / 1024.0 / ActiveAtOnce:N1} KiB (peak RSS growth / {ActiveAtOnce:N0})");
        output.WriteLine($"managed heap peak: {Mib(PeakManagedBytes)}; GCs gen0/1/2: {Result.Collections.Gen0}/{Result.Collections.Gen1}/{Result.Collections.Gen2}");
        output.WriteLine($"peak concurrency: {Peaks.Requests:N0} HTTP requests in flight, {Peaks.ActiveConnections:N0} connections carrying one" +
                         (Peaks.Actors is { } actors ? $", {actors:N0} transfers holding an actor" : ""));
        output.WriteLine($"journal: {Journal}; {Journal.Events / seconds:N0} events/s, {(done == 0 ? 0 : (double)Journal.Events / done):F1} events per completed transfer");
        output.WriteLine($"retries: {Result.Retries:N0}");
    }

    private double Percentile(double p) => Result.CompletionTimes[(int)Math.Ceiling(p * Result.CompletionTimes.Length) - 1].TotalSeconds;

    public static string Mib(long bytes) => $"{bytes / (double)Sizes.MiB:N0} MiB";
}
