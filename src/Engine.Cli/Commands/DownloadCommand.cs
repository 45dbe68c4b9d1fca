using System.CommandLine;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers.Downloads;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine download FILE_ID...</c>: Drive downloads through long-running operations, each recorded in the journal
/// (operation name, bytes flushed to disk), so a killed run is finished by <c>engine resume</c> without a new operation.
/// </summary>
internal static class DownloadCommand
{
    private static readonly Argument<string[]> FileIds = new("FILE_ID")
    {
        Description = "The Drive file ids to download.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Endpoint = new("--endpoint")
    {
        Description = "Scheme, host and port of the Drive API (default https://www.googleapis.com, engine.download.endpoint).",
        HelpName = "URL",
    };

    private static readonly Option<string> Out = new("--out")
    {
        Description = "The file to create; with several ids, an existing directory that receives one file per id (named by the id).",
        HelpName = "PATH",
        Required = true,
    };

    private static readonly Option<string> MimeType = new("--mime-type")
    {
        Description = "Export format of a Google Workspace document (default: its kind's default, e.g. PDF); blob files take none.",
        HelpName = "TYPE",
    };

    private static readonly Option<string> Revision = new("--revision")
    {
        Description = "A revision id (blob files, Docs and Sheets only); default the current revision.",
        HelpName = "REVISION",
    };

    private static readonly Option<string> ResourceKey = new("--resource-key")
    {
        Description = "Resource key of a link-shared file, sent with every call about it (applies to every id given).",
        HelpName = "KEY",
    };

    public static Command Create()
    {
        var command = new Command("download", "Download Drive files through long-running operations; one JSON line per finished download on stdout.")
        {
            FileIds, Endpoint, Out, MimeType, Revision, ResourceKey, EngineOptions.Token, EngineOptions.Journal,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var ids = parse.GetValue(FileIds) ?? [];
        var destinations = Destinations(ids, parse.GetRequiredValue(Out));
        var options = EngineLauncher.LoadOptions(parse, parse.GetValue(Endpoint) is { } endpoint
            ? [EngineSettings.Text("engine.download.endpoint", endpoint)]
            : []);
        var tokens = EngineLauncher.Tokens(parse, options);

        await using var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, destination) in destinations)
        {
            var request = new DownloadRequest(id, destination)
            {
                MimeType = parse.GetValue(MimeType),
                RevisionId = parse.GetValue(Revision),
                ResourceKey = parse.GetValue(ResourceKey),
            };
            try
            {
                labels[await engine.StartDownloadAsync(request, cancellation).ConfigureAwait(false)] = id;
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"download: {e.Message}");
            }
        }

        var finals = await TransferFollower.FollowAsync(engine, labels, new ResultLines(context.Output).Completed, cancellation).ConfigureAwait(false);
        return TransferFollower.ExitCodeOf(finals);
    }

    /// <summary>Where each id goes: <c>--out</c> itself for one id (or a file named by the id in it, if it is a directory); OUT/ID for several.</summary>
    private static IReadOnlyList<(string Id, string Path)> Destinations(IReadOnlyList<string> ids, string output)
    {
        var full = Path.GetFullPath(output);
        if (ids.FirstOrDefault(id => id.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || id is "." or "..") is { } unsafeId)
        {
            throw new UsageException($"download: '{unsafeId}' is not a Drive file id (ids hold letters, digits, '-' and '_').");
        }

        if (ids.Count == 1)
        {
            return [(ids[0], Directory.Exists(full) ? Path.Combine(full, ids[0]) : full)];
        }

        if (!Directory.Exists(full))
        {
            throw new UsageException($"download: with {ids.Count} file ids, --out must be an existing directory; '{full}' is not one.");
        }

        var duplicate = ids.GroupBy(id => id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is not null
            ? throw new UsageException($"download: file id '{duplicate.Key}' is given twice; each id is downloaded once.")
            : ids.Select(id => (id, Path.Combine(full, id))).ToList();
    }
}
