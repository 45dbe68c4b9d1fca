using System.CommandLine;
using Engine.Cli.Batch;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine batch JOBS</c>: runs a list of uploads and downloads in one engine, at the same time. Jobs the journal already
/// records (by upload source or download destination) are not submitted again but continued, so the same command run
/// again after a crash finishes the list.
/// </summary>
internal static class BatchCommand
{
    private static readonly Argument<FileInfo> Jobs = new("JOBS")
    {
        Description = "JSON-lines file, one job per line: {\"upload\":PATH,…} or {\"download\":FILE_ID,\"out\":PATH,…} (docs/cli.md).",
    };

    private static readonly Option<string> Endpoint = new("--endpoint")
    {
        Description = "Scheme, host and port of the API for uploads and downloads (engine.upload.endpoint and engine.download.endpoint).",
        HelpName = "URL",
    };

    public static Command Create()
    {
        var command = new Command("batch",
            "Run a list of uploads and downloads together; one JSON line per finished job on stdout. Run it again after a crash to finish the list.")
        {
            Jobs, Endpoint, EngineOptions.Token, EngineOptions.Journal,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var jobs = JobList.Read(parse.GetRequiredValue(Jobs));
        var options = EngineLauncher.LoadOptions(parse, parse.GetValue(Endpoint) is { } endpoint
            ? [EngineSettings.Text("engine.upload.endpoint", endpoint), EngineSettings.Text("engine.download.endpoint", endpoint)]
            : []);
        var tokens = EngineLauncher.Tokens(parse, options);

        // Read before the engine starts, which re-runs unfinished transfers at once: the journal says which jobs an
        // earlier run of this list already recorded. The latest recording of a path wins.
        var recorded = (await EngineLauncher.ReadJournalAsync(options, context, cancellation).ConfigureAwait(false))
            .GroupBy(s => (s.Kind, BatchJob.LocalPathOf(s)))
            .ToDictionary(g => g.Key, g => g.Last());
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var paused = new List<string>();
        var pending = new List<BatchJob>();
        foreach (var job in jobs)
        {
            if (recorded.TryGetValue((job.Kind, job.LocalPath), out var known))
            {
                labels[known.Id] = job.Label;
                if (known.Phase == TransferPhase.Paused)
                {
                    paused.Add(known.Id);
                }
            }
            else
            {
                pending.Add(job);
            }
        }

        if (pending.Select(job => job.Problem()).FirstOrDefault(problem => problem is not null) is { } unfit)
        {
            throw new UsageException(unfit);
        }

        if (labels.Count > 0)
        {
            context.Say($"{labels.Count} of the {jobs.Count} jobs are already in the journal: unfinished ones continue, finished ones are reported.");
        }

        await using var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        foreach (var id in paused)
        {
            await engine.ResumeAsync(id, cancellation).ConfigureAwait(false);
        }

        foreach (var job in pending)
        {
            try
            {
                labels[await job.SubmitAsync(engine, cancellation).ConfigureAwait(false)] = job.Label;
            }
            catch (Exception e) when (e is ArgumentException or FileNotFoundException)
            {
                throw new UsageException(
                    $"{job.Origin}: {e.Message} The jobs before it are in the journal; fix the line and run the same command again.");
            }
        }

        var finals = await TransferFollower.FollowAsync(engine, labels, new ResultLines(context.Output).Completed, cancellation).ConfigureAwait(false);
        return TransferFollower.ExitCodeOf(finals);
    }
}
