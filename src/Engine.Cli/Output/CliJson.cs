using System.Text.Encodings.Web;
using System.Text.Json;

namespace Engine.Cli.Output;

/// <summary>
/// JSON written to stdout, with relaxed escaping: it is read by programs and people, not embedded in HTML, so quotes
/// and non-ASCII file names stay readable.
/// </summary>
internal static class CliJson
{
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>The source-generated shapes of <see cref="CliJsonContext"/> with the relaxed encoder.</summary>
    public static CliJsonContext Context { get; } = new(new JsonSerializerOptions(CliJsonContext.Default.Options) { Encoder = Encoder });
}
