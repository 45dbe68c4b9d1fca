using Spectre.Console;

namespace Engine.Cli.Output;

/// <summary>Spectre consoles on the process's streams.</summary>
internal static class CliConsole
{
    /// <summary>
    /// A console on stdout. When stdout is a pipe or a file: no colours or cursor codes, and wide enough that table
    /// rows do not wrap.
    /// </summary>
    public static IAnsiConsole For(TextWriter output)
    {
        var redirected = Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = redirected ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = redirected ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = 200;
        }

        return console;
    }
}
