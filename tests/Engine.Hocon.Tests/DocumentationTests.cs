using System.Text.RegularExpressions;

namespace Engine.Hocon.Tests;

/// <summary>Keeps docs/configuration.md's table of settings true to hocon/engine.conf.</summary>
public sealed partial class DocumentationTests
{
    private static readonly IReadOnlyDictionary<string, string> DocumentedDefaults = ReadTable();

    [Fact]
    public void Every_setting_of_engine_conf_is_documented_and_nothing_else()
    {
        var declared = EngineConfig.LoadDefaults().DeclaredKeys.Order(StringComparer.Ordinal);

        Assert.Equal(declared, DocumentedDefaults.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Documented_defaults_are_the_values_in_engine_conf()
    {
        var defaults = EngineConfig.LoadDefaults();
        foreach (var (key, documented) in DocumentedDefaults.Where(d => !d.Value.StartsWith("${", StringComparison.Ordinal)))
        {
            var actual = documented.StartsWith('[')
                ? $"[{string.Join(", ", defaults.GetList<string>(key))}]"
                : defaults.GetString(key);
            Assert.True(documented == actual, $"docs/configuration.md documents {key} = {documented}, but engine.conf has {actual}.");
        }
    }

    private static Dictionary<string, string> ReadTable() =>
        File.ReadLines(RepositoryFiles.PathOf("docs/configuration.md"))
            .Select(line => TableRow().Match(line))
            .Where(match => match.Success)
            .ToDictionary(match => match.Groups["key"].Value, match => match.Groups["default"].Value, StringComparer.Ordinal);

    [GeneratedRegex(@"^\| `(?<key>engine\.[^`]+)` \| `(?<default>[^`]*)` \|")]
    private static partial Regex TableRow();
}
