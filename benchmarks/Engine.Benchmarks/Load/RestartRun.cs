using System.Diagnostics;
using Engine.Benchmarks.Support;
using Engine.TestKit;
using Engine.Transfers;

namespace Engine.Benchmarks.Load;

/// <summary>
/// <c>load --restart</c>: a node restart with N unfinished transfers in its journal. Phase 1, in a child process: an
/// engine records N transfers while the emulator holds every PUT and content GET (so none finishes: the admitted ones
/// have sessions or operations open and are mid-transfer, the rest are queued), then is killed with SIGKILL. Phase 2, in
/// this process: the emulator lets go, an engine starts on the same journal, and every unfinished transfer is run to
/// its end. Reported: time to start and to resume all, peak RSS, peak HTTP concurrency, peak recoveries at once.
/// </summary>
internal static class RestartRun
{
    private const string RecordedPrefix = "recorded ";
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<int> RunAsync(LoadOptions options)
    {
        var directory = Path.Combine(Path.GetTempPath(), "engine-bench-restart-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        options = options with { Journal = directory };
        var workload = new LoadWorkload(options);
        string[] hold = ["fault=latency:delay=1h,on=put", "fault=latency:delay=1h,on=content"];
        await using var emulator = await EmulatorProcess.StartAsync([.. workload.EmulatorSettings, .. hold]);
        Console.WriteLine($"load --restart: {options.Transfers:N0} × {Sizes.Format(options.Size)} {options.Kind.ToString().ToLowerInvariant()} left unfinished, " +
                          $"max-active {workload.MaxActive}, max-connections {workload.MaxConnections}, emulator pid-separate at {emulator.BaseAddress}");

        var killedAfter = await LeaveUnfinishedInChildAsync(options, emulator.BaseAddress);
        var sessionsBefore = await emulator.SessionsOpenedAsync();
        var requestsBefore = await emulator.RequestCountAsync();
        await emulator.ClearFaultsAsync();

        using var journal = new JournalMeter();
        using var heap = new HeapSampler();
        using var http = new HttpConcurrencyMeter();
        using var gauges = new EngineGaugeSampler();
        FaultInjectingJournal? replays = null;
        var rssBefore = ProcessMemory.CurrentRss();
        var clock = Stopwatch.StartNew();
        LoadResult result;
        int unfinished;
        await using (var host = await EngineHost.StartAsync(emulator.BaseAddress, workload.Configure, directory, inner => replays = new FaultInjectingJournal(inner)))
        {
            var started = clock.Elapsed;
            var ids = (await host.Engine.ListAsync()).Where(s => !s.Phase.IsFinished()).Select(s => s.Id).ToArray();
            unfinished = ids.Length;
            result = await LoadRunner.MeasureAsync(ids.Length, async i => (await LoadWorkload.FinishAsync(host, ids[i])).Retries);
            var seconds = result.Wall.TotalSeconds;
            var done = result.CompletionTimes.Length;
            var recoveryLimit = options.Recovery ?? new Transfers.Configuration.RecoverySettings().MaxConcurrent;
            var output = Console.Out;
            output.WriteLine($"phase 1: {options.Transfers:N0} recorded, killed (SIGKILL) {killedAfter.TotalSeconds:F1} s after the first start; " +
                             $"{sessionsBefore:N0} upload sessions opened, {requestsBefore:N0} requests answered");
            output.WriteLine($"unfinished in the journal: {unfinished:N0}");
            output.WriteLine($"engine start on that journal (read {unfinished:N0} transfers, supervisor up): {started.TotalSeconds:F2} s");
            output.WriteLine($"resumed all: {(started + result.Wall).TotalSeconds:F2} s from the engine start ({seconds:F2} s after it was up); " +
                             $"completed {done:N0}, failed {result.Failed:N0}{(result.FirstFailure is { } first ? $" (first: {first})" : "")}");
            output.WriteLine($"aggregate throughput after the start: {Sizes.Rate((double)options.Size * done / seconds)} ({done / seconds:N0} transfers/s)");
            if (done > 0)
                output.WriteLine($"completion time from the engine being up: p50 {result.CompletionTimes[done / 2].TotalSeconds:F2} s, max {result.CompletionTimes[^1].TotalSeconds:F2} s");
            output.WriteLine($"peak RSS (VmHWM): {LoadReport.Mib(result.PeakRss)} (before the engine start {LoadReport.Mib(rssBefore)}; emulator child {LoadReport.Mib(emulator.PeakRss)})");
            output.WriteLine($"managed heap peak: {LoadReport.Mib(heap.PeakManagedBytes)}; GCs gen0/1/2: {result.Collections.Gen0}/{result.Collections.Gen1}/{result.Collections.Gen2}");
            output.WriteLine($"peak concurrency: {http.PeakRequests:N0} HTTP requests in flight (max-active {workload.MaxActive}), " +
                             $"{http.PeakActiveConnections:N0} connections carrying one (max-connections {workload.MaxConnections}), {gauges.PeakActors:N0} transfers holding an actor, {gauges.PeakActive:N0} admitted");
            output.WriteLine($"peak recoveries at once (journal replays in flight): {replays!.PeakReplaysInFlight} (engine.persistence.recovery.max-concurrent {recoveryLimit})");
            output.WriteLine($"phase 2 at the emulator: {await emulator.SessionsOpenedAsync() - sessionsBefore:N0} new upload sessions, {await emulator.RequestCountAsync() - requestsBefore:N0} requests");
            output.WriteLine($"journal: {journal.Read()}");
            output.WriteLine($"retries: {result.Retries:N0}");
        }
        workload.Clean();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(directory, recursive: true);
        return result.Failed == 0 && unfinished > 0 ? 0 : 1;
    }

    /// <summary>The child's side (<c>load-unfinished …</c>): record every transfer, say so, then wait to be killed.</summary>
    public static async Task<int> LeaveUnfinishedAsync(string[] args)
    {
        var options = LoadOptions.Parse(args);
        var workload = new LoadWorkload(options);
        // Never disposed: the point is to be killed mid-transfer.
        var host = await EngineHost.StartAsync(options.Endpoint!, workload.Configure, options.Journal);
        await Task.WhenAll(Enumerable.Range(0, options.Transfers).Select(i => workload.StartAsync(host.Engine, i)));
        Console.WriteLine(RecordedPrefix + options.Transfers);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>Runs phase 1 in a child process and kills it once every transfer is recorded and the admitted ones are mid-flight.</summary>
    private static async Task<TimeSpan> LeaveUnfinishedInChildAsync(LoadOptions options, Uri endpoint)
    {
        var clock = Stopwatch.StartNew();
        using var child = ChildProcess.Start(["load-unfinished", .. options.ToArguments(), "--endpoint", endpoint.ToString(), "--journal", options.Journal!]);
        var line = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(10));
        if (line is null || !line.StartsWith(RecordedPrefix, StringComparison.Ordinal))
        {
            child.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"Phase 1 (the engine leaving transfers unfinished) did not report them recorded (first line: '{line}').");
        }
        await Task.Delay(Settle); // let the admitted ones open their sessions and operations and start moving bytes
        child.Kill(entireProcessTree: true);
        await child.WaitForExitAsync();
        return clock.Elapsed;
    }
}
