using System.Diagnostics;
using Engine.Benchmarks.Support;
using Engine.Benchmarks.Uploads;
using Engine.Transfers.Configuration;

namespace Engine.Benchmarks.Load;

/// <summary>
/// The macro load runner: N uploads started at once against the emulator in a child process, through the full engine
/// or (<c>--raw</c>) through plain HttpClient with the same connection limit, and a report of throughput, completion
/// times, memory, journal activity and retries.
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
        var source = SourceFiles.OfSize(options.Size);
        var defaults = new SupervisorOptions();
        var maxActive = options.MaxActive ?? defaults.MaxActiveTransfers;
        var maxConnections = options.MaxConnections ?? defaults.MaxConnectionsPerHost;
        await using var emulator = await EmulatorProcess.StartAsync("request-log-capacity=1000");
        Console.WriteLine($"load: {options.Transfers:N0} × {Sizes.Format(options.Size)} uploads, {(options.Raw ? "raw HttpClient" : $"engine, chunk {new Chunk(options.Chunk)}")}, " +
                          $"max-active {maxActive}, max-connections {maxConnections}, emulator pid-separate at {emulator.BaseAddress}");

        using var journal = new JournalMeter();
        using var sampler = new HeapSampler();
        LoadResult result;
        if (options.Raw)
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = maxConnections, AllowAutoRedirect = false });
            var raw = new RawUploads(http, emulator.BaseAddress);
            result = await MeasureAsync(options.Transfers, async () => { await raw.UploadAsync(source); return 0; });
        }
        else
        {
            await using var engine = await EngineHost.StartAsync(emulator.BaseAddress, o =>
            {
                o.Supervisor.MaxActiveTransfers = maxActive;
                o.Supervisor.MaxConnectionsPerHost = maxConnections;
                if (options.AskTimeoutSeconds is { } seconds) o.Actors.AskTimeout = TimeSpan.FromSeconds(seconds);
                if (options.MailboxCapacity is { } capacity) o.Actors.MailboxCapacity = capacity;
            });
            journal.Reset();
            result = await MeasureAsync(options.Transfers, async () => (await engine.UploadAsync(source, options.Chunk)).Retries);
        }
        new LoadReport(options, result, journal.Read(), sampler.PeakManagedBytes, Math.Min(options.Transfers, options.Raw ? maxConnections : maxActive),
            emulator.PeakRss).Print(Console.Out);
        return 0;
    }

    /// <summary>
    /// Starts <paramref name="transfers"/> uploads at once; each returns its retry count. A failed upload is counted and
    /// the first failure kept for the report, so one overloaded component shows as a figure, not a stack trace.
    /// </summary>
    private static async Task<LoadResult> MeasureAsync(int transfers, Func<Task<int>> upload)
    {
        var gcBefore = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var rssBefore = ProcessMemory.CurrentRss();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, transfers).Select(async _ =>
        {
            await Task.Yield();
            try
            {
                var retries = await upload();
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

/// <summary>What one load run measured: wall and CPU time of this process, sorted completion times of the completed uploads (from the common start), retries, failures, RSS and GCs.</summary>
internal sealed record LoadResult(TimeSpan Wall, TimeSpan Cpu, TimeSpan[] CompletionTimes, long Retries, int Failed, string? FirstFailure, long RssBefore, long PeakRss,
    (int Gen0, int Gen1, int Gen2) Collections);
