using System.CommandLine;

namespace Engine.Cli.Commands;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    /// <summary><c>--verbose</c>: debug logs on stderr, and stack traces of unexpected errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Log to stderr (debug level) and show stack traces of unexpected errors.",
        Recursive = true,
    };
}
