namespace Engine.Protocol.Http;

/// <summary>
/// Removes secrets and capabilities from text meant for logs: bearer tokens, and the query strings that make session
/// URIs and download URIs usable (<c>upload_id</c>, signed download parameters).
/// </summary>
public static class Redaction
{
    /// <summary>Stands in for every removed value.</summary>
    public const string Mask = "***";

    private static readonly HashSet<string> SecretHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "X-Goog-Drive-Resource-Keys",
    };

    private static readonly HashSet<string> UriHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Location", "Content-Location",
    };

    /// <summary><paramref name="uri"/> with its query string masked; scheme, host and path stay readable.</summary>
    public static string Uri(Uri? uri)
    {
        if (uri is null) return "(none)";
        if (!uri.IsAbsoluteUri) return UriText(uri.OriginalString);
        var withoutQuery = uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        return uri.Query.Length > 1 ? $"{withoutQuery}?{Mask}" : withoutQuery;
    }

    /// <summary>The loggable form of a header value.</summary>
    public static string HeaderValue(string name, string value) =>
        SecretHeaders.Contains(name) ? Mask
        : UriHeaders.Contains(name) ? UriText(value)
        : value;

    private static string UriText(string text)
    {
        var query = text.IndexOf('?');
        return query < 0 ? text : text[..query] + "?" + Mask;
    }
}
