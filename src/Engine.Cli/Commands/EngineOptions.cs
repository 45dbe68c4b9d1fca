using System.CommandLine;

namespace Engine.Cli.Commands;

/// <summary>
/// Options of the commands that run or read the transfer engine (upload, download, resume, list, status). Each maps
/// onto a HOCON setting (see <see cref="Configuration.EngineSettings"/>), so the command line, a <c>--config</c> file
/// and <c>--set</c> are three spellings of one configuration.
/// </summary>
internal static class EngineOptions
{
    /// <summary><c>--config FILE</c>: a HOCON file layered over the defaults.</summary>
    public static readonly Option<FileInfo> Config = new("--config")
    {
        Description = "HOCON file with settings to change (layered over hocon/engine.conf; only declared settings allowed).",
        HelpName = "FILE",
    };

    /// <summary><c>--set path=value</c>, repeatable: HOCON overrides, applied in order after the file.</summary>
    public static readonly Option<string[]> Set = new("--set")
    {
        Description = "Override one setting, e.g. --set engine.retry.max-delay=10s (repeatable; unknown settings are errors).",
        HelpName = "path=value",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary><c>--wire-trace</c>: sets <c>engine.http.wire-trace</c>.</summary>
    public static readonly Option<bool> WireTrace = new("--wire-trace")
    {
        Description = "Log every HTTP request and response line with headers to stderr (tokens and session URIs redacted).",
    };

    /// <summary><c>--journal PATH</c>: the SQLite journal file (<c>engine.persistence.sqlite.path</c>).</summary>
    public static readonly Option<string> Journal = new("--journal")
    {
        Description = "SQLite journal file that records every transfer (default engine-data/journal.db).",
        HelpName = "PATH",
    };

    /// <summary><c>--token T</c>: the OAuth access token; otherwise the <c>ENGINE_TOKEN</c> environment variable.</summary>
    public static readonly Option<string> Token = new("--token")
    {
        Description = "OAuth access token (default: the ENGINE_TOKEN environment variable). Never printed or stored.",
        HelpName = "TOKEN",
    };

    /// <summary><c>--json</c>: machine-readable output for list and status.</summary>
    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print JSON instead of a table.",
    };

    /// <summary>Adds the configuration options (<c>--config</c>, <c>--set</c>, <c>--wire-trace</c>) to <paramref name="command"/>.</summary>
    public static Command WithConfiguration(this Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Set);
        command.Options.Add(WireTrace);
        return command;
    }
}
