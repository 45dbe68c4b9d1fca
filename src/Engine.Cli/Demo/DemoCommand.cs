using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using Engine.Cli.Commands;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tokens;
using Engine.Transfers.Uploads;

namespace Engine.Cli.Demo;

/// <summary>
/// <c>engine demo</c>: the main job on the embedded default. Generates media files, uploads them concurrently to an
/// in-process emulator through injected faults, stops the engine mid-transfer, lets a new engine on the same journal
/// finish them, downloads them back through Drive's long-running operations, checks every byte, and prints a summary.
/// Exit 0 only if every check passed.
/// </summary>
internal static class DemoCommand
{
    // Stop the first engine once the server holds this share of all bytes: late enough that every upload is moving,
    // early enough that each still has most of its bytes to go.
    private const double StopAtStoredShare = 0.4;

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
        var command = new Command("demo", "Upload generated media to an in-process emulator through faults and an engine restart, download it back, verify every byte, print a summary.")
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
        var options = EngineLauncher.LoadOptions(parse,
            "engine.persistence.provider=sqlite",
            EngineSettings.Text(EngineSettings.JournalPath, dir.Journal),
            EngineSettings.Text("engine.upload.endpoint", peer.Endpoint.ToString()),
            EngineSettings.Text("engine.download.endpoint", peer.Endpoint.ToString()),
            // Short backoffs and polls keep the demo brief; the faults still force every retry path.
            "engine.retry.initial-delay=200ms",
            "engine.retry.max-delay=2s",
            "engine.download.poll.initial-delay=200ms",
            "engine.download.poll.max-delay=1s");
        var tokens = new StaticAccessTokenSource("demo-token"); // the emulator accepts any bearer token

        var clock = Stopwatch.StartNew();
        var beforeStop = await UploadUntilStoppedAsync(options, tokens, files, peer, context, cancellation).ConfigureAwait(false);
        var interrupted = (await TransferJournalQuery.ListAsync(options, cancellation).ConfigureAwait(false))
            .Where(s => !s.Phase.IsFinished()).ToDictionary(s => s.Id, TransferFollower.LabelOf, StringComparer.Ordinal);
        context.Say($"engine stopped mid-transfer with {interrupted.Count} upload(s) unfinished; starting a new engine on the same journal");
        var restart = DateTimeOffset.UtcNow;
        var (afterRestart, downloads) = await FinishAndDownloadAsync(options, tokens, interrupted, peer, dir, context, cancellation).ConfigureAwait(false);
        clock.Stop();

        var journal = await TransferJournalQuery.ListAsync(options, cancellation).ConfigureAwait(false);
        var outcomes = new List<DemoOutcome>();
        foreach (var file in files)
        {
            var final = journal.Single(s => s.Kind == TransferKind.Upload && s.Source == file.Path);
            var retries = (beforeStop.GetValueOrDefault(final.Id)?.Retries ?? 0) + (afterRestart.GetValueOrDefault(final.Id)?.Retries ?? 0);
            var server = peer.RecordOf(file.Name);
            var resume = interrupted.ContainsKey(final.Id) ? server.ResumeAfter(restart, file.Size) : null;
            var download = downloads.GetValueOrDefault(file.Name);
            var downloaded = download is null ? null : await DemoFile.HashAsync(download.Destination, cancellation).ConfigureAwait(false);
            outcomes.Add(new DemoOutcome(file, final, server, resume, retries, download, downloaded));
        }

        var report = new DemoReport(outcomes, interrupted.Keys.ToHashSet(StringComparer.Ordinal), clock.Elapsed, peer.FaultsFired(), peer.OperationPolls());
        report.Write(CliConsole.For(context.Output));
        return report.Failures.Count == 0 ? ExitCodes.Success : ExitCodes.TransferFailed;
    }

    /// <summary>Starts every upload on a first engine and stops that engine once the server holds <see cref="StopAtStoredShare"/> of the bytes.</summary>
    private static async Task<IReadOnlyDictionary<string, TransferStatus>> UploadUntilStoppedAsync(TransferEngineOptions options,
        IAccessTokenSource tokens, IReadOnlyList<DemoFile> files, DemoPeer peer, CliContext context, CancellationToken cancellation)
    {
        var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        try
        {
            return await ProgressDisplay.RunAsync<IReadOnlyDictionary<string, TransferStatus>>(async sink =>
            {
                var labels = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    labels[await engine.StartUploadAsync(new UploadRequest(file.Path) { ContentType = "video/mp4" }, cancellation).ConfigureAwait(false)] = file.Name;
                }

                var latest = new ConcurrentDictionary<string, TransferStatus>(StringComparer.Ordinal);
                await using (TransferWatch.Start(engine, labels, (label, status) =>
                             {
                                 latest[status.Id] = status;
                                 sink.Show(label, status);
                             }, cancellation))
                {
                    var stopAt = (long)(files.Sum(f => f.Size) * StopAtStoredShare);
                    while (peer.StoredBytes() < stopAt && !(latest.Count == labels.Count && latest.Values.All(s => s.Phase.IsFinished())))
                    {
                        await Task.Delay(TimeSpan.FromMilliseconds(20), cancellation).ConfigureAwait(false);
                    }

                    sink.Message($"the server holds {ByteSize.Format(peer.StoredBytes())}: stopping the engine mid-transfer");
                }

                return latest;
            }).ConfigureAwait(false);
        }
        finally
        {
            await engine.DisposeAsync().ConfigureAwait(false);
        }
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
