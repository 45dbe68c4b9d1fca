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
            EngineOptions.Journal, EngineOptions.Token, Failed,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var options = EngineLauncher.LoadOptions(parse);
        var tokens = EngineLauncher.Tokens(parse, options);
        // Read the journal before the engine starts: once started it re-runs the unfinished transfers at once, and a
        // quick one may already be completed by the time the engine could be asked.
        var includeFailed = parse.GetValue(Failed);
        var recorded = await EngineLauncher.ReadJournalAsync(options, context, cancellation).ConfigureAwait(false);
        var rerun = recorded.Where(s => s.Phase == TransferPhase.Paused || (includeFailed && s.Phase == TransferPhase.Failed)).ToList();
        var labels = recorded.Where(s => !s.Phase.IsFinished() || rerun.Contains(s))
            .ToDictionary(s => s.Id, TransferFollower.LabelOf, StringComparer.Ordinal);

        if (labels.Count == 0)
        {
            context.Say("nothing to resume: every transfer in the journal is finished ('engine list' shows them" +
                        (includeFailed ? ")." : "; --failed runs failed ones again)."));
            return ExitCodes.Success;
        }

        await using var engine = await EngineLauncher.StartAsync(options, tokens, context, cancellation).ConfigureAwait(false);
        foreach (var status in rerun)
        {
            await engine.ResumeAsync(status.Id, cancellation).ConfigureAwait(false);
        }

        context.Say($"resuming {labels.Count} transfer(s).");
        var finals = await TransferFollower.FollowAsync(engine, labels, new ResultLines(context.Output).Completed, cancellation).ConfigureAwait(false);
        return TransferFollower.ExitCodeOf(finals);
    }
}
