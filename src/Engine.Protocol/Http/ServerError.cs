using System.Text.Json;

namespace Engine.Protocol.Http;

/// <summary>
/// The useful part of a Google error body (<c>{"error":{"code":…,"message":…,"errors":[{"reason":…}]}}</c>): the
/// message and the first reason (e.g. <c>fileNotDownloadable</c>). Non-JSON bodies are kept as bounded text.
/// </summary>
public sealed record ServerError(int StatusCode, string Message, string? Reason)
{
    /// <summary>Reads and interprets the body of a failed response.</summary>
    public static async Task<ServerError> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var (text, truncated) = await ResponseBody.ReadPrefixAsync(response.Content, ResponseBody.MaxJsonBytes, cancellationToken).ConfigureAwait(false);
        return Parse((int)response.StatusCode, response.ReasonPhrase, truncated ? null : text);
    }

    /// <summary>Interprets <paramref name="body"/> (null when unreadable or too large).</summary>
    public static ServerError Parse(int statusCode, string? reasonPhrase, string? body)
    {
        var fallback = string.IsNullOrWhiteSpace(body) ? reasonPhrase ?? "no explanation given" : body.Trim();
        if (body is null) return new ServerError(statusCode, Bound(fallback), null);
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                var message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                string? reason = null;
                if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array)
                {
                    foreach (var item in errors.EnumerateArray())
                    {
                        if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String)
                        {
                            reason = r.GetString();
                            break;
                        }
                    }
                }
                return new ServerError(statusCode, Bound(message ?? fallback), reason is null ? null : Bound(reason));
            }
        }
        catch (JsonException)
        {
            // Not JSON: the raw text is the explanation.
        }
        return new ServerError(statusCode, Bound(fallback), null);
    }

    /// <summary>"HTTP 403 (fileNotDownloadable): message".</summary>
    public override string ToString() => Reason is null ? $"HTTP {StatusCode}: {Message}" : $"HTTP {StatusCode} ({Reason}): {Message}";

    private static string Bound(string text) =>
        text.Length <= ResponseBody.MaxErrorChars ? text : text[..ResponseBody.MaxErrorChars] + "…";
}
