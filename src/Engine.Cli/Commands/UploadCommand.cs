using System.CommandLine;
using System.Globalization;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers;
using Engine.Transfers.Uploads;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine upload FILE...</c>: uploads through resumable sessions, each recorded in the journal before its first
/// byte, so a killed run is finished by <c>engine resume</c>.
/// </summary>
internal static class UploadCommand
{
    private static readonly Argument<FileInfo[]> Files = new("FILE")
    {
        Description = "The files to upload.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Endpoint = new("--endpoint")
    {
        Description = "Scheme, host and port of the API (default https://www.googleapis.com, engine.upload.endpoint); the protocol's paths are appended.",
        HelpName = "URL",
    };

    private static readonly Option<FileInfo> Metadata = new("--metadata")
    {
        Description = "JSON file with the video resource (snippet, status…); default {\"snippet\":{\"title\":\"<file name>\"}}.",
        HelpName = "JSON_FILE",
    };

    private static readonly Option<string> ContentType = new("--content-type")
    {
        Description = "Media type: video/*, a video/… type or application/octet-stream (the default).",
        HelpName = "TYPE",
    };

    private static readonly Option<string> ChunkSize = new("--chunk-size")
    {
        Description = "0 sends each file in one request (default, engine.upload.chunk-size); else a multiple of 256KiB, e.g. 8MiB.",
        HelpName = "SIZE",
    };

    private static readonly Option<int?> Parallel = new("--parallel")
    {
        Description = "Uploads running at once; more wait their turn (engine.supervisor.max-active-transfers).",
        HelpName = "N",
    };

    public static Command Create()
    {
        Parallel.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 1)
            {
                result.AddError("--parallel must be at least 1.");
            }
        });
        var command = new Command("upload", "Upload files through resumable sessions; one JSON line per finished upload on stdout.")
        {
            Files, Endpoint, EngineOptions.Token, EngineOptions.Journal, Metadata, ContentType, ChunkSize, Parallel,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var files = parse.GetValue(Files) ?? [];
        foreach (var file in files)
        {
            if (!file.Exists)
            {
                throw new UsageException(Directory.Exists(file.FullName)
                    ? $"upload: '{file.FullName}' is a directory; pass the files to upload."
                    : $"upload: '{file.FullName}' does not exist; check the path. Nothing was uploaded.");
            }
        }

        var options = EngineLauncher.LoadOptions(parse, Settings(parse));
        var tokens = EngineLauncher.Tokens(parse, options);
        var template = new UploadRequest("") { MetadataJson = await ReadMetadataAsync(parse, cancellation).ConfigureAwait(false) };
        if (parse.GetValue(ContentType) is { } contentType)
        {
            template = template with { ContentType = contentType };
        }

        await using var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            try
            {
                labels[await engine.StartUploadAsync(template with { FilePath = file.FullName }, cancellation).ConfigureAwait(false)] = file.Name;
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"upload: {e.Message}");
            }
        }

        await NoteOtherUnfinishedAsync(engine, labels, context, cancellation).ConfigureAwait(false);
        var finals = await TransferFollower.FollowAsync(engine, labels, new ResultLines(context.Output).Completed, cancellation).ConfigureAwait(false);
        return TransferFollower.ExitCodeOf(finals);
    }

    private static IEnumerable<string> Settings(ParseResult parse)
    {
        if (parse.GetValue(Endpoint) is { } endpoint)
        {
            yield return EngineSettings.Text("engine.upload.endpoint", endpoint);
        }

        if (parse.GetValue(ChunkSize) is { } chunkSize)
        {
            yield return EngineSettings.Text("engine.upload.chunk-size", chunkSize);
        }

        if (parse.GetValue(Parallel) is { } parallel)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"engine.supervisor.max-active-transfers={parallel}");
        }
    }

    private static async Task<string?> ReadMetadataAsync(ParseResult parse, CancellationToken cancellation)
    {
        if (parse.GetValue(Metadata) is not { } file)
        {
            return null;
        }

        return file.Exists
            ? await File.ReadAllTextAsync(file.FullName, cancellation).ConfigureAwait(false)
            : throw new UsageException($"--metadata: '{file.FullName}' does not exist; give a JSON file with the video resource.");
    }

    // Starting an engine re-runs every unfinished transfer of its journal; say so, since this run waits only for its own.
    private static async Task NoteOtherUnfinishedAsync(TransferEngine engine, IReadOnlyDictionary<string, string> ours, CliContext context,
        CancellationToken cancellation)
    {
        var others = (await engine.ListAsync(cancellation).ConfigureAwait(false))
            .Count(s => !s.Phase.IsFinished() && !ours.ContainsKey(s.Id));
        if (others > 0)
        {
            context.Say($"{others} unfinished transfer(s) from earlier runs also continue while this one runs; 'engine resume' finishes them.");
        }
    }
}
