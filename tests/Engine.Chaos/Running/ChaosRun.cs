using System.Diagnostics;
using System.Text.Json;
using Engine.Chaos.Faults;
using Engine.Chaos.Workload;
using Engine.Emulator;
using Engine.Emulator.Uploads;
using Engine.Transfers;

namespace Engine.Chaos.Running;

/// <summary>
/// The run itself: the emulator with the fault mix, then <c>engine batch</c> processes on one journal, each SIGKILLed at
/// its planned moment (the destinations checked after every kill), then one left to finish the list. What it saw is
/// kept for the checks.
/// </summary>
public sealed class ChaosRun : IAsyncDisposable
{
    private static readonly TimeSpan ScanInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);
    private readonly ChaosOptions options;
    private readonly TextWriter progress;
    private readonly List<RunRecord> runs = [];
    private readonly List<KillRecord> kills = [];
    private readonly List<string> problems = [];
    private readonly string logFile;
    private readonly StreamWriter log;
    private readonly Lock logging = new();

    private readonly KestrelConnections connections;

    private ChaosRun(ChaosOptions options, TextWriter progress, string directory, ChaosWorkload workload, FaultMix faults,
        IReadOnlyList<TimeSpan> killPlan, EmulatorServer emulator, KestrelConnections connections)
    {
        this.connections = connections;
        this.options = options;
        this.progress = progress;
        Directory = directory;
        Workload = workload;
        Faults = faults;
        KillPlan = killPlan;
        Emulator = emulator;
        Commands = new EngineCommands(directory, workload.JobsFile, emulator.BaseAddress, options.WireTrace);
        Destinations = new DestinationWatch(workload.Downloads);
        logFile = Path.Combine(directory, "engine-output.log");
        log = new StreamWriter(logFile) { AutoFlush = true };
    }

    /// <summary>The working directory.</summary>
    public string Directory { get; }

    /// <summary>The files and job list.</summary>
    public ChaosWorkload Workload { get; }

    /// <summary>The emulator's faults and settings.</summary>
    public FaultMix Faults { get; }

    /// <summary>The planned lifetimes of the killed processes.</summary>
    public IReadOnlyList<TimeSpan> KillPlan { get; }

    /// <summary>The peer, with everything it saw.</summary>
    public EmulatorServer Emulator { get; }

    /// <summary>The engine command lines.</summary>
    public EngineCommands Commands { get; }

    /// <summary>The destination checks.</summary>
    public DestinationWatch Destinations { get; }

    /// <summary>Every engine process, in order.</summary>
    public IReadOnlyList<RunRecord> Runs => runs;

    /// <summary>Every kill, in order.</summary>
    public IReadOnlyList<KillRecord> Kills => kills;

    /// <summary>What went wrong in the run itself (a process that would not finish, an emulator that would not settle).</summary>
    public IReadOnlyList<string> Problems => problems;

    /// <summary>Every transfer in the journal after the last run.</summary>
    public IReadOnlyList<TransferStatus> Journal { get; private set; } = [];

    /// <summary>The whole run's wall time.</summary>
    public TimeSpan WallTime { get; private set; }

    /// <summary>Prepares the files, starts the emulator and draws the faults and kill moments, all from the seed.</summary>
    public static async Task<ChaosRun> PrepareAsync(ChaosOptions options, string directory, TextWriter progress)
    {
        var random = new Random(options.Seed);
        var workload = ChaosWorkload.Create(options, directory, random);
        var faults = FaultMix.Create(options, workload.Uploads.Sum(u => u.Size), random);
        var killPlan = Running.KillPlan.Draw(options, random);
        var emulatorOptions = faults.ToOptions();
        emulatorOptions.DataDirectory = Path.Combine(directory, "emulator");
        var connections = new KestrelConnections();
        var emulator = await EmulatorServer.StartAsync(emulatorOptions);
        foreach (var download in workload.Downloads)
        {
            emulator.Files.Add(download.Registration);
        }

        return new ChaosRun(options, progress, directory, workload, faults, killPlan, emulator, connections);
    }

    /// <summary>The kill phase, the finishing run, and the journal read back.</summary>
    public async Task ExecuteAsync()
    {
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < KillPlan.Count; k++)
        {
            var (child, retries, started) = Start();
            using (child)
            {
                if (await WatchAsync(child, KillPlan[k]))
                {
                    var exit = await child.ExitCodeAsync();
                    runs.Add(new RunRecord(runs.Count + 1, started.Elapsed, false, exit, retries.Total));
                    problems.Add(exit is 0 or 1
                        ? $"The list finished after {kills.Count} of {KillPlan.Count} kills: the workload is too light for the kill plan " +
                          "(give more or larger transfers, or a shorter --duration)."
                        : $"Engine process {runs.Count} exited with {exit} before its kill; see {logFile}.");
                    break;
                }

                child.Kill();
                runs.Add(new RunRecord(runs.Count + 1, started.Elapsed, true, null, retries.Total));
            }

            var killedAt = DateTimeOffset.UtcNow;
            var (settledAt, draining) = await SettleAsync();
            kills.Add(new KillRecord(kills.Count + 1, killedAt, settledAt, OpenSessions(draining), draining.Count));
            Destinations.Scan($"after kill {kills.Count}", afterKill: true);
            await progress.WriteLineAsync(
                $"chaos: kill {kills.Count}/{KillPlan.Count} after {runs[^1].Lifetime.TotalSeconds:F1} s (settled in {(settledAt - killedAt).TotalMilliseconds:F0} ms, " +
                $"{draining.Count} PUTs still draining); " +
                $"{Emulator.Inspector.CompletedUploads.Count} uploads completed, {Destinations.Verified} downloads in place");
        }

        if (kills.Count == KillPlan.Count)
        {
            await FinishAsync();
        }

        Destinations.Scan("at the end", afterKill: false);
        Journal = await Commands.ListAsync();
        await File.WriteAllLinesAsync(Path.Combine(Directory, "emulator-requests.jsonl"),
            Emulator.Inspector.Requests.Select(r => JsonSerializer.Serialize(r)));
        WallTime = clock.Elapsed;
    }

    /// <summary>Stops the emulator and closes the engine log.</summary>
    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        connections.Dispose();
        await log.DisposeAsync();
    }

    private async Task FinishAsync()
    {
        var (child, retries, started) = Start();
        using (child)
        {
            if (!await WatchAsync(child, options.FinishTimeout))
            {
                child.Kill();
                problems.Add($"The last run did not finish the list within {options.FinishTimeout}; see {logFile}.");
                runs.Add(new RunRecord(runs.Count + 1, started.Elapsed, true, null, retries.Total));
                return;
            }

            var exit = await child.ExitCodeAsync();
            runs.Add(new RunRecord(runs.Count + 1, started.Elapsed, false, exit, retries.Total));
            await progress.WriteLineAsync($"chaos: the last run finished the list in {started.Elapsed.TotalSeconds:F1} s with exit code {exit}");
            if (exit is not (0 or 1))
            {
                problems.Add($"The last run exited with {exit} (0: all completed, 1: some failed; anything else is an error); see {logFile}.");
            }
        }
    }

    private (EngineChild Child, RetryTally Retries, Stopwatch Started) Start()
    {
        var retries = new RetryTally();
        Write($"=== engine process {runs.Count + 1} started {DateTimeOffset.UtcNow:O}");
        var child = EngineChild.Start(Directory, Commands.Batch(), EngineCommands.Token, line => Write("out: " + line), line =>
        {
            retries.Observe(line);
            Write(line);
        });
        return (child, retries, Stopwatch.StartNew());
    }

    private void Write(string line)
    {
        lock (logging)
        {
            log.WriteLine(line);
        }
    }

    /// <summary>Scans the destinations while <paramref name="child"/> runs, for up to <paramref name="limit"/>; true when it exited by itself.</summary>
    private async Task<bool> WatchAsync(EngineChild child, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < limit)
        {
            if (await child.ExitedWithinAsync(Min(ScanInterval, limit - watch.Elapsed)))
            {
                return true;
            }

            Destinations.Scan($"while engine process {runs.Count + 1} ran", afterKill: false);
        }

        return child.HasExited;
    }

    /// <summary>
    /// Waits until the emulator has taken every request the killed process left: no socket waits to be accepted, and
    /// every connection Kestrel still holds is a PUT draining the dead client's body (a loaded server may still read a
    /// dead client's last request; a capped PUT reads, at its cap, what the kernel and Kestrel buffered before the FIN).
    /// Returns the moment and the sessions whose PUT is still draining (their stored length is not final yet).
    /// </summary>
    private async Task<(DateTimeOffset SettledAt, IReadOnlySet<string> Draining)> SettleAsync()
    {
        var deadline = DateTimeOffset.UtcNow + SettleTimeout;
        var confirmations = 0;
        while (true)
        {
            var inFlight = Emulator.Inspector.Requests.Where(r => r.Status == 0 && !r.Aborted).ToList();
            var draining = inFlight.Where(r => r.Target == "put").ToList();
            var settled = inFlight.Count == draining.Count
                          && connections.Active <= draining.Count
                          && (ServerSockets.OpenOn(Emulator.BaseAddress.Port) is not { } open || open <= connections.Active);
            confirmations = settled ? confirmations + 1 : 0;
            if (confirmations == 3)
            {
                return (DateTimeOffset.UtcNow, draining.Select(r => RequestPaths.SessionOf(r.Path)).ToHashSet(StringComparer.Ordinal));
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                problems.Add($"After kill {kills.Count + 1} the emulator had not taken every request of the dead process after {SettleTimeout}: " +
                             $"{connections.Active} connections held, {ServerSockets.OpenOn(Emulator.BaseAddress.Port)} sockets open; requests in flight: " +
                             string.Join("; ", inFlight.Take(5).Select(r => $"{r.Method} {r.Path} ({r.Target}, since {r.Time:HH:mm:ss.fff})")));
                return (DateTimeOffset.UtcNow, draining.Select(r => RequestPaths.SessionOf(r.Path)).ToHashSet(StringComparer.Ordinal));
            }

            await Task.Delay(50);
        }
    }

    /// <summary>
    /// The engine process (1-based) that made a request the emulator logged at <paramref name="time"/>: each process's
    /// requests are all logged before its kill settled, and the next process starts after that.
    /// </summary>
    public int ProcessAt(DateTimeOffset time)
    {
        var killed = kills.FindIndex(k => time <= k.SettledAt);
        return killed < 0 ? kills.Count + 1 : killed + 1;
    }

    /// <summary>Whether engine process <paramref name="process"/> (1-based) was killed.</summary>
    public bool WasKilled(int process) => process <= kills.Count;

    /// <summary>What each unfinished session holds, except those a dead PUT still appends to.</summary>
    private Dictionary<string, long> OpenSessions(IReadOnlySet<string> draining) =>
        Emulator.Inspector.Sessions.Where(s => s.State == UploadSessionState.Active && !draining.Contains(s.UploadId))
            .ToDictionary(s => s.UploadId, s => s.StoredLength);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
