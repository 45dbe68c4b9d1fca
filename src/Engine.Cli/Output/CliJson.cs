using System.Text;
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

    /// <summary>One JSON object on one line, its members written by <paramref name="properties"/>.</summary>
    public static string ObjectLine(Action<Utf8JsonWriter> properties)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder }))
        {
            json.WriteStartObject();
            properties(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
