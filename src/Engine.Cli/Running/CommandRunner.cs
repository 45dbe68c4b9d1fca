using System.CommandLine;
using Engine.Cli.Commands;
using Engine.Hocon;

namespace Engine.Cli.Running;

/// <summary>
/// Runs a command's body with the house rules for errors: a usage or configuration error is one line and exit 2,
/// Ctrl+C is exit 130, anything else is one line and exit 1, with the stack trace only under <c>--verbose</c>.
/// </summary>
internal static class CommandRunner
{
    /// <summary>Makes <paramref name="body"/> the action of <paramref name="command"/>.</summary>
    public static void SetBody(Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> body) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, body, cancellation));

    private static async Task<int> RunAsync(ParseResult parse, Func<ParseResult, CliContext, CancellationToken, Task<int>> body,
        CancellationToken cancellation)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        var wireTrace = parse.GetResult(EngineOptions.WireTrace) is { } trace && trace.GetValueOrDefault<bool>();
        using var loggerFactory = CliLogging.Create(verbose, wireTrace);
        var context = new CliContext(Console.Out, Console.Error, verbose, loggerFactory);
        try
        {
            return await body(parse, context, cancellation).ConfigureAwait(false);
        }
        catch (UsageException e)
        {
            context.Say(e.Message);
            return ExitCodes.UsageError;
        }
        catch (HoconException e)
        {
            context.Say($"configuration error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            context.Say("interrupted; unfinished transfers are in the journal, and 'engine resume' continues them.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            context.Say(verbose ? e.ToString() : $"{e.Message} (run with --verbose for details)");
            return ExitCodes.TransferFailed;
        }
    }
}
