namespace Engine.Protocol.Http;

/// <summary>
/// Raw access to response headers. Reads unvalidated values so that request-only names (a 308's <c>Range</c>) and
/// malformed values reach the strict parsers instead of being dropped by the framework's own parsing.
/// </summary>
public static class HeaderReader
{
    /// <summary>The first value of header <paramref name="name"/> on the response or its content, or null.</summary>
    public static string? First(HttpResponseMessage response, string name)
    {
        if (response.Headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values) return value;
        }
        if (response.Content.Headers.NonValidated.TryGetValues(name, out var contentValues))
        {
            foreach (var value in contentValues) return value;
        }
        return null;
    }
}
