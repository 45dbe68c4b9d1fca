using Microsoft.Extensions.Logging;

namespace Engine.Cli.Running;

/// <summary>What every command gets: where to write results and messages, whether to be verbose, and the loggers.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool verbose, ILoggerFactory loggerFactory)
{
    /// <summary>stdout: results only (JSON lines, tables, the emulator's address), so it can be piped.</summary>
    public TextWriter Output { get; } = output;

    /// <summary>stderr: progress, messages and errors.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Whether <c>--verbose</c> was given (debug logs, stack traces of unexpected errors).</summary>
    public bool Verbose { get; } = verbose;

    /// <summary>The loggers handed to the engine and the emulator.</summary>
    public ILoggerFactory LoggerFactory { get; } = loggerFactory;

    /// <summary>Writes one message line to stderr, prefixed with the command name.</summary>
    public void Say(string message) => Error.WriteLine($"engine: {message}");
}
