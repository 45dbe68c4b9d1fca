using Spectre.Console;

namespace Engine.Cli.Output;

/// <summary>
/// Progress on stderr: live Spectre bars when stderr is a terminal, otherwise plain lines (a log file or a CI job
/// gets readable text, not cursor movements).
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Runs <paramref name="work"/> with a progress sink that lives as long as the work.</summary>
    public static async Task<T> RunAsync<T>(Func<IProgressSink, Task<T>> work)
    {
        if (Console.IsErrorRedirected)
        {
            return await work(new PlainProgressSink(Console.Error)).ConfigureAwait(false);
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return await console.Progress()
            .AutoClear(false)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn(),
                new SpinnerColumn())
            .StartAsync(context => work(new LiveProgressSink(console, context)))
            .ConfigureAwait(false);
    }
}
