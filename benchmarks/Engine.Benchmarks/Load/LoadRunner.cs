using System.Diagnostics;
using Engine.Benchmarks.Downloads;
using Engine.Benchmarks.Support;
using Engine.Benchmarks.Uploads;

namespace Engine.Benchmarks.Load;

/// <summary>
/// The macro load runner: N transfers (uploads, downloads or both) started at once against the emulator in a child
/// process, through the full engine or (<c>--raw</c>) through plain HttpClient with the same connection limit, and a
/// report of throughput, completion times, memory, concurrency, journal activity and retries. <c>--restart</c> measures
/// an engine resuming N unfinished transfers instead (<see cref="RestartRun"/>).
/// </summary>
internal static class LoadRunner
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["--help"] or ["-h"])
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        if (options.Restart) return await RestartRun.RunAsync(options);

        var workload = new LoadWorkload(options);
        await using var emulator = await EmulatorProcess.StartAsync(workload.EmulatorSettings);
        Console.WriteLine($"load: {options.Transfers:N0} × {Sizes.Format(options.Size)} {options.Kind.ToString().ToLowerInvariant()}, " +
                          $"{(options.Raw ? "raw HttpClient" : $"engine, chunk {new Chunk(options.Chunk)}")}, max-active {workload.MaxActive}, " +
                          $"max-connections {workload.MaxConnections}, emulator pid-separate at {emulator.BaseAddress}");

        using var journal = new JournalMeter();
        using var sampler = new HeapSampler();
        using var http = new HttpConcurrencyMeter();
        using var gauges = new EngineGaugeSampler();
        LoadResult result;
        if (options.Raw)
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workload.MaxConnections, AllowAutoRedirect = false });
            var uploads = new RawUploads(client, emulator.BaseAddress);
            var downloads = new RawDownloads(client, emulator.BaseAddress);
            result = await MeasureAsync(options.Transfers, async i => { await workload.RunRawAsync(uploads, downloads, i); return 0; });
        }
        else
        {
            await using var engine = await EngineHost.StartAsync(emulator.BaseAddress, workload.Configure);
            journal.Reset();
            result = await MeasureAsync(options.Transfers, i => workload.RunAsync(engine, i));
        }
        workload.Clean();
        // Moving at once: the raw client's connections, or the engine's admitted transfers at their peak (downloads reserve
        // more of max-bytes-in-flight, so fewer than max-active may be admitted).
        var moving = options.Raw ? Math.Min(options.Transfers, workload.MaxConnections) : (int)Math.Max(1, gauges.PeakActive);
        new LoadReport(options, result, journal.Read(), sampler.PeakManagedBytes, moving, emulator.PeakRss,
            new Concurrency(http.PeakRequests, http.PeakActiveConnections, options.Raw ? null : gauges.PeakActors)).Print(Console.Out);
        return 0;
    }

    /// <summary>
    /// Starts <paramref name="transfers"/> transfers at once; each returns its retry count. A failed transfer is counted and
    /// the first failure kept for the report, so one overloaded component shows as a figure, not a stack trace.
    /// </summary>
    public static async Task<LoadResult> MeasureAsync(int transfers, Func<int, Task<int>> transfer)
    {
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var rssBefore = ProcessMemory.CurrentRss();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, transfers).Select(async i =>
        {
            await Task.Yield();
            try
            {
                var retries = await transfer(i);
                return (Completed: clock.Elapsed, Retries: retries, Failure: (Exception?)null);
            }
            catch (Exception e)
            {
                return (Completed: clock.Elapsed, Retries: 0, Failure: e);
            }
        }));
        var wall = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var completed = outcomes.Where(o => o.Failure is null).ToArray();
        var failures = outcomes.Where(o => o.Failure is not null).Select(o => o.Failure!).ToArray();
        return new LoadResult(wall, cpu, completed.Select(o => o.Completed).Order().ToArray(), completed.Sum(o => (long)o.Retries),
            failures.Length, failures.FirstOrDefault()?.Message, rssBefore, ProcessMemory.PeakRss(),
            (GC.CollectionCount(0) - gcBefore.Item1, GC.CollectionCount(1) - gcBefore.Item2, GC.CollectionCount(2) - gcBefore.Item3));
    }
}

/// <summary>What one load run measured: wall and CPU time of this process, sorted completion times of the completed transfers (from the common start), retries, failures, RSS and GCs.</summary>
internal sealed record LoadResult(TimeSpan Wall, TimeSpan Cpu, TimeSpan[] CompletionTimes, long Retries, int Failed, string? FirstFailure, long RssBefore, long PeakRss,
    (int Gen0, int Gen1, int Gen2) Collections);

/// <summary>Peak concurrency seen: HTTP requests in flight, connections carrying one, and transfers holding an actor (engine only).</summary>
internal readonly record struct Concurrency(long Requests, long ActiveConnections, long? Actors);
