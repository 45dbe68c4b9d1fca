using System.CommandLine;
using System.Diagnostics;
using Engine.Cli.Commands;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tokens;
using Spectre.Console;

namespace Engine.Cli.Demo;

/// <summary>
/// <c>engine demo</c>: the main job on the embedded default. Generates media files and uploads them concurrently to an
/// in-process emulator through injected faults, on a first engine run as a child process that it kills mid-transfer (a
/// real crash); a new engine in this process finishes them from the same journal, downloads them back through Drive's
/// long-running operations, and every byte is checked; then a summary. Exit 0 only if every check passed.
/// </summary>
internal static class DemoCommand
{
    // Kill the first engine once the server holds this share of all bytes: late enough that every upload is moving,
    // early enough that each still has most of its bytes to go.
    private const double StopAtStoredShare = 0.4;

    // The emulator accepts any bearer token.
    private const string DemoToken = "demo-token";

    private static readonly Option<int> Files = new("--files")
    {
        Description = "How many media files to generate and upload at once.",
        HelpName = "N",
        DefaultValueFactory = _ => 4,
    };

    private static readonly Option<string> Size = new("--size")
    {
        Description = "Size of each file, e.g. 32MiB.",
        HelpName = "SIZE",
        DefaultValueFactory = _ => "32MiB",
    };

    private static readonly Option<string> Dir = new("--dir")
    {
        Description = "Folder for the files, the emulator's data and the SQLite journal; wiped at start (only if a demo made it).",
        HelpName = "DIR",
        DefaultValueFactory = _ => "engine-demo",
    };

    public static Command Create()
    {
        Files.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 64)
            {
                result.AddError("--files must be between 1 and 64.");
            }
        });
        var command = new Command("demo", "Upload generated media to an in-process emulator through faults and a killed engine, resume on a new one, download it back, verify every byte, print a summary.")
        {
            Files, Size, Dir,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var count = parse.GetValue(Files);
        var size = SizeText.Parse("--size", parse.GetRequiredValue(Size));
        if (size < 1)
        {
            throw new UsageException("--size must be at least 1 byte.");
        }

        var dir = DemoDirectory.Prepare(parse.GetRequiredValue(Dir));
        context.Say($"generating {count} files of {ByteSize.Format(size)} in {dir.Media}");
        var files = await DemoFile.GenerateAsync(dir.Media, count, size, cancellation).ConfigureAwait(false);
        await using var peer = await DemoPeer.StartAsync(dir.Server, cancellation).ConfigureAwait(false);
        context.Say($"emulator at {peer.Endpoint}, faults: {string.Join("; ", DemoPeer.FaultSpecs)}");
        // One configuration for both engines: the first gets it on its command line, the second in-process.
        string[] settings =
        [
            "engine.persistence.provider=sqlite",
            EngineSettings.Text(EngineSettings.JournalPath, dir.Journal),
            EngineSettings.Text("engine.upload.endpoint", peer.Endpoint.ToString()),
            EngineSettings.Text("engine.download.endpoint", peer.Endpoint.ToString()),
            // Short backoffs and polls keep the demo brief; the faults still force every retry path.
            "engine.retry.initial-delay=200ms",
            "engine.retry.max-delay=2s",
            "engine.download.poll.initial-delay=200ms",
            "engine.download.poll.max-delay=1s",
        ];
        var options = EngineLauncher.LoadOptions(parse, settings);

        var clock = Stopwatch.StartNew();
        var crash = await UploadUntilKilledAsync(parse, settings, files, peer, context, cancellation).ConfigureAwait(false);
        var unfinished = (await TransferJournalQuery.ListAsync(options, cancellation).ConfigureAwait(false)).Where(s => !s.Phase.IsFinished()).ToList();
        // Only an upload with an open session can resume from the server's offset; one killed before that starts afresh.
        var interrupted = unfinished.Where(s => s.SessionsOpened > 0).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        context.Say($"its journal holds {unfinished.Count} unfinished upload(s), {interrupted.Count} with an open session; " +
                    "starting a new engine in this process on the same journal");
        var restart = DateTimeOffset.UtcNow;
        var tokens = new StaticAccessTokenSource(DemoToken);
        var labels = unfinished.ToDictionary(s => s.Id, TransferFollower.LabelOf, StringComparer.Ordinal);
        var (afterRestart, downloads) = await FinishAndDownloadAsync(options, tokens, labels, peer, dir, context, cancellation).ConfigureAwait(false);
        clock.Stop();

        var journal = await TransferJournalQuery.ListAsync(options, cancellation).ConfigureAwait(false);
        var outcomes = new List<DemoOutcome>();
        foreach (var file in files)
        {
            var final = journal.Single(s => s.Kind == TransferKind.Upload && s.Source == file.Path);
            var server = peer.RecordOf(file.Name);
            var resume = interrupted.Contains(final.Id) ? server.ResumeAfter(restart, file.Size) : null;
            var download = downloads.GetValueOrDefault(file.Name);
            var downloaded = download is null ? null : await DemoFile.HashAsync(download.Destination, cancellation).ConfigureAwait(false);
            outcomes.Add(new DemoOutcome(file, final, server, resume, afterRestart.GetValueOrDefault(final.Id)?.Retries ?? 0, download, downloaded));
        }

        var report = new DemoReport(outcomes, interrupted, crash, clock.Elapsed, peer.FaultsFired(), peer.OperationPolls());
        report.Write(CliConsole.For(context.Output));
        return report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.TransferFailed;
    }

    /// <summary>
    /// Runs the first engine as a child <c>engine upload</c> of every file and kills it abruptly once the server holds
    /// <see cref="StopAtStoredShare"/> of the bytes; <c>null</c> when it finished everything before that.
    /// </summary>
    /// <exception cref="InvalidOperationException">The first engine failed before it could be killed.</exception>
    private static async Task<DemoCrash?> UploadUntilKilledAsync(ParseResult parse, IEnumerable<string> settings, IReadOnlyList<DemoFile> files,
        DemoPeer peer, CliContext context, CancellationToken cancellation)
    {
        await using var first = FirstEngineProcess.Start(files.Select(f => f.Path), FirstEngineArguments(parse, settings), DemoToken);
        context.Say($"first engine: process {first.Id} runs 'engine upload' of the {files.Count} files on the demo's journal");
        var stopAt = (long)(files.Sum(f => f.Size) * StopAtStoredShare);
        while (peer.StoredBytes() < stopAt && !first.HasExited)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellation).ConfigureAwait(false);
        }

        if (first.HasExited)
        {
            return first.ExitCode == ExitCodes.Success
                ? null
                : throw new InvalidOperationException($"demo: the first engine (process {first.Id}) exited with code {first.ExitCode} before the demo could kill it; its messages are above.");
        }

        await first.KillAsync().ConfigureAwait(false);
        var crash = new DemoCrash(first.Id, FirstEngineProcess.KillSignal, peer.StoredBytes(), first.FinishedUploads);
        RestoreTerminal();
        var finished = crash.FinishedUploads > 0 ? $"; it had finished {crash.FinishedUploads} upload(s)" : "";
        context.Say($"killed the first engine (process {crash.ProcessId}, {crash.Signal}) mid-transfer: the server holds {ByteSize.Format(crash.ServerHeld)}{finished}");
        return crash;
    }

    /// <summary>The first engine's options after its files: the user's configuration, then the demo's settings, as the second engine gets them.</summary>
    private static IEnumerable<string> FirstEngineArguments(ParseResult parse, IEnumerable<string> settings)
    {
        yield return "--content-type";
        yield return "video/mp4";
        if (parse.GetValue(EngineOptions.Config) is { } config)
        {
            yield return "--config";
            yield return config.FullName;
        }

        foreach (var setting in (parse.GetValue(EngineOptions.Set) ?? []).Concat(settings))
        {
            yield return "--set";
            yield return setting;
        }

        if (parse.GetValue(EngineOptions.WireTrace))
        {
            yield return "--wire-trace";
        }

        if (parse.GetValue(GlobalOptions.Verbose))
        {
            yield return "--verbose";
        }
    }

    /// <summary>The killed engine could not end its live display: start a fresh line and show the cursor it hid.</summary>
    private static void RestoreTerminal()
    {
        if (Console.IsErrorRedirected)
        {
            return;
        }

        var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        terminal.WriteLine();
        terminal.Cursor.Show();
    }

    /// <summary>
    /// Starts a second engine on the same journal (which re-runs the unfinished uploads), follows them to the end, then
    /// downloads every uploaded video back through a Drive download operation.
    /// </summary>
    /// <returns>The uploads' final statuses in this engine, and each download's final status by file name.</returns>
    private static async Task<(IReadOnlyDictionary<string, TransferStatus> Uploads, IReadOnlyDictionary<string, TransferStatus> Downloads)>
        FinishAndDownloadAsync(TransferEngineOptions options, IAccessTokenSource tokens, IReadOnlyDictionary<string, string> unfinished,
            DemoPeer peer, DemoDirectory dir, CliContext context, CancellationToken cancellation)
    {
        await using var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        var uploads = await TransferFollower.FollowAsync(engine, unfinished, _ => { }, cancellation).ConfigureAwait(false);

        context.Say("downloading every video back through Drive's long-running operations");
        Directory.CreateDirectory(dir.Downloads);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, fileId) in peer.PublishUploadsToDrive())
        {
            labels[await engine.StartDownloadAsync(new DownloadRequest(fileId, Path.Combine(dir.Downloads, name)), cancellation).ConfigureAwait(false)] = name;
        }

        var downloads = await TransferFollower.FollowAsync(engine, labels, _ => { }, cancellation).ConfigureAwait(false);
        return (uploads.ToDictionary(s => s.Id, StringComparer.Ordinal), downloads.ToDictionary(s => labels[s.Id], StringComparer.Ordinal));
    }
}
