using System.CommandLine;
using System.Text.Json;
using Engine.Cli.Commands;
using Engine.Cli.Running;
using Engine.Hocon;

namespace Engine.Cli.Configuration;

/// <summary>
/// Builds the engine's configuration from a command line: defaults, then <c>--config</c>, then <c>--set</c>, then the
/// settings named by dedicated options (<c>--journal</c>, <c>--endpoint</c>, …), which win because they are the most specific.
/// </summary>
internal static class EngineSettings
{
    /// <summary>The setting <c>--journal</c> writes.</summary>
    public const string JournalPath = "engine.persistence.sqlite.path";

    /// <summary>Loads the configuration for <paramref name="parse"/>, with <paramref name="commandSettings"/> (from the command's own options) applied last.</summary>
    /// <exception cref="UsageException">The <c>--config</c> file is missing, or <c>--journal</c> is given while the journal is not SQLite.</exception>
    /// <exception cref="HoconException">A file or override is malformed or names an unknown setting.</exception>
    public static HoconConfig Load(ParseResult parse, params IEnumerable<string> commandSettings)
    {
        var file = parse.GetValue(EngineOptions.Config);
        if (file is { Exists: false })
        {
            throw new UsageException($"--config: the file '{file.FullName}' does not exist; give the path of a HOCON file.");
        }

        var overrides = new List<string>(parse.GetValue(EngineOptions.Set) ?? []);
        var journal = parse.GetValue(EngineOptions.Journal);
        if (journal is not null)
        {
            overrides.Add(Text(JournalPath, journal));
        }

        if (parse.GetValue(EngineOptions.WireTrace))
        {
            overrides.Add("engine.http.wire-trace=on");
        }

        overrides.AddRange(commandSettings);
        var config = EngineConfig.Load(file?.FullName, overrides);
        if (journal is not null && config.GetString("engine.persistence.provider") != "sqlite")
        {
            throw new UsageException(
                $"--journal names a SQLite file, but engine.persistence.provider is '{config.GetString("engine.persistence.provider")}'; " +
                "drop --journal or set the provider to sqlite.");
        }

        return config;
    }

    /// <summary>An override <c>path="value"</c>, quoted so that any text (paths, URLs) stays one HOCON string.</summary>
    public static string Text(string path, string value) => $"{path}={JsonSerializer.Serialize(value)}";
}
