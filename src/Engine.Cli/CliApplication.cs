using System.CommandLine;
using System.CommandLine.Help;
using System.Runtime.InteropServices;
using Engine.Cli.Commands;
using Engine.Cli.Demo;

namespace Engine.Cli;

/// <summary>The <c>engine</c> command line: its commands, parse-error handling (exit 2) and Ctrl+C/SIGTERM as cancellation.</summary>
internal static class CliApplication
{
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "Engine: crash-safe resumable uploads and Drive downloads, resumed from the last acknowledged byte.\n" +
            ExitCodes.HelpText)
        {
            GlobalOptions.Verbose,
            UploadCommand.Create(),
            DownloadCommand.Create(),
            BatchCommand.Create(),
            ResumeCommand.Create(),
            ListCommand.CreateList(),
            ListCommand.CreateStatus(),
            ServeCommand.Create(),
            DemoCommand.Create(),
            NodeCommand.Create(),
            SubmitCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0 && parse.Action is not HelpAction)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"engine: {error.Message}").ConfigureAwait(false);
            }

            var command = string.Join(' ', parse.CommandResult.Command.Parents.OfType<Command>().Reverse().Select(c => c.Name)
                .Append(parse.CommandResult.Command.Name));
            await Console.Error.WriteLineAsync($"Run '{command} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // Our own handlers instead of System.CommandLine's: its termination timeout would cut the graceful shutdown that
        // checkpoints transfers, and SIGTERM (a service manager, a container stop) must behave like Ctrl+C.
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token).ConfigureAwait(false);
    }
}
