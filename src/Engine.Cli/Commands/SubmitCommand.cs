using System.CommandLine;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Cluster.Routing;
using Engine.Transfers.Clustering;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine submit FILE... [--download FILE_ID=PATH]...</c>: hands transfers to a cluster without being a node. Each
/// is validated here (the nodes must see the files at the same paths), gets its id, and is started by the node that
/// owns the id's shard; one JSON line per accepted transfer on stdout. <c>engine status ID</c> / <c>engine list</c>
/// read their progress from the cluster's journal.
/// </summary>
internal static class SubmitCommand
{
    // Starts in flight at once: enough to keep every node busy, few enough not to crowd the command table.
    private const int ConcurrentStarts = 64;

    private static readonly Argument<FileInfo[]> Files = new("FILE")
    {
        Description = "Files to upload (at paths the nodes can read).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string[]> Downloads = new("--download")
    {
        Description = "A Drive file to download, as FILE_ID=PATH (a file to create, at a path the nodes can write; repeatable).",
        HelpName = "FILE_ID=PATH",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Command Create()
    {
        var command = new Command("submit",
            "Start uploads and downloads on a cluster (engine.cluster.enabled=on) without being a node; one JSON line per accepted transfer.")
        {
            Files, Downloads,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var uploads = (parse.GetValue(Files) ?? []).Select(file => new UploadRequest(file.FullName)).ToList();
        var downloads = (parse.GetValue(Downloads) ?? []).Select(ParseDownload).ToList();
        if (uploads.Count + downloads.Count == 0)
        {
            throw new UsageException("submit: name files to upload or --download FILE_ID=PATH; nothing was submitted.");
        }

        var options = EngineLauncher.LoadOptions(parse);
        if (!options.Cluster.Enabled)
        {
            throw new UsageException("submit: cluster mode is off; pass --set engine.cluster.enabled=on with the cluster's PostgreSQL (ENGINE_POSTGRESQL).");
        }

        await using var client = await ClusterClient.ConnectAsync(options, context.LoggerFactory, cancellationToken: cancellation).ConfigureAwait(false);
        var output = new Lock();
        var failed = 0;
        var starts = uploads.Select(upload => (Source: upload.FilePath, Start: (Func<CancellationToken, Task<string>>)(ct => client.StartUploadAsync(upload, ct))))
            .Concat(downloads.Select(download => (Source: download.FileId, Start: (Func<CancellationToken, Task<string>>)(ct => client.StartDownloadAsync(download, ct)))));
        await Parallel.ForEachAsync(starts, new ParallelOptions { MaxDegreeOfParallelism = ConcurrentStarts, CancellationToken = cancellation },
            async (transfer, ct) =>
            {
                try
                {
                    var id = await transfer.Start(ct).ConfigureAwait(false);
                    lock (output)
                    {
                        context.Output.WriteLine(Line(id, transfer.Source));
                        context.Output.Flush();
                    }
                }
                catch (Exception e) when (e is ArgumentException or IOException or TimeoutException or ShardCommandBacklogException or InvalidOperationException)
                {
                    Interlocked.Increment(ref failed);
                    context.Say($"submit: '{transfer.Source}' was not started: {e.Message}");
                }
            }).ConfigureAwait(false);
        return failed == 0 ? ExitCodes.Success : ExitCodes.TransferFailed;
    }

    private static DownloadRequest ParseDownload(string text)
    {
        var split = text.IndexOf('=', StringComparison.Ordinal);
        if (split <= 0 || split == text.Length - 1)
        {
            throw new UsageException($"--download '{text}': write FILE_ID=PATH, e.g. --download 1AbC=/shared/out/report.pdf.");
        }

        return new DownloadRequest(text[..split], text[(split + 1)..]);
    }

    private static string Line(string transferId, string source) => CliJson.ObjectLine(json =>
    {
        json.WriteString("transferId", transferId);
        json.WriteString("source", source);
    });
}
