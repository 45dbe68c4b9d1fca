using System.CommandLine;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers;

namespace Engine.Cli.Commands;

/// <summary>
/// <c>engine resume</c>: starts an engine on the journal, which re-runs every unfinished transfer from where the server
/// acknowledged, and follows them (paused ones too, and failed ones with <c>--failed</c>) until all are finished.
/// </summary>
internal static class ResumeCommand
{
    private static readonly Option<bool> Failed = new("--failed")
    {
        Description = "Also run failed transfers again (once their cause, e.g. a token or a server limit, is fixed).",
    };

    public static Command Create()
    {
        var command = new Command("resume", "Continue every unfinished transfer in the journal (after a crash or Ctrl+C) and wait for all to finish.")
        {
            EngineOptions.Token, Failed,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var options = EngineLauncher.LoadOptions(parse);
        var tokens = EngineLauncher.Tokens(parse);
        await using var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        var includeFailed = parse.GetValue(Failed);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var status in await engine.ListAsync(cancellation).ConfigureAwait(false))
        {
            var rerun = status.Phase == TransferPhase.Paused || (includeFailed && status.Phase == TransferPhase.Failed);
            if (rerun)
            {
                await engine.ResumeAsync(status.Id, cancellation).ConfigureAwait(false);
            }

            if (rerun || !status.Phase.IsFinished())
            {
                labels[status.Id] = TransferFollower.LabelOf(status);
            }
        }

        if (labels.Count == 0)
        {
            context.Say("nothing to resume: every transfer in the journal is finished ('engine list' shows them" +
                        (includeFailed ? ")." : "; --failed runs failed ones again)."));
            return ExitCodes.Success;
        }

        context.Say($"resuming {labels.Count} transfer(s).");
        var finals = await TransferFollower.FollowAsync(engine, labels, new ResultLines(context.Output), cancellation).ConfigureAwait(false);
        return TransferFollower.ExitCodeOf(finals);
    }
}
