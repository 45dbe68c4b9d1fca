using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Engine.Cli.Running;

/// <summary>
/// Logging for one run: nothing by default (progress and results are the output), debug and up with
/// <c>--verbose</c>, information and up with <c>--wire-trace</c> (the trace lines). Always on stderr, so stdout
/// stays machine-readable.
/// </summary>
internal static class CliLogging
{
    public static ILoggerFactory Create(bool verbose, bool wireTrace)
    {
        if (!verbose && !wireTrace)
        {
            return NullLoggerFactory.Instance;
        }

        return LoggerFactory.Create(builder => builder
            .SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information)
            .AddSimpleConsole(format =>
            {
                format.SingleLine = true;
                format.TimestampFormat = "HH:mm:ss.fff ";
                format.UseUtcTimestamp = true;
                format.ColorBehavior = LoggerColorBehavior.Disabled;
            })
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace));
    }
}
