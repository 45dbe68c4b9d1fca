namespace Engine.Protocol.Headers;

/// <summary>The <c>Location</c> header of a session-creation answer: the upload session URI.</summary>
public static class LocationHeader
{
    /// <summary>
    /// Parses <paramref name="value"/> as an absolute http/https URI without user info; anything else (absent, relative,
    /// another scheme, garbage) is a <see cref="ProtocolViolationException"/>.
    /// </summary>
    public static Uri ParseSessionUri(string? value) => ParseAbsoluteHttpUri(value, "Location header (session URI)");

    /// <summary>Shared check for server-provided URIs (session URIs, download URIs, redirects).</summary>
    public static Uri ParseAbsoluteHttpUri(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ProtocolViolationException($"The server's answer has no {what}; the request cannot continue. Retry later or report the server fault.");
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.UserInfo.Length > 0
            || string.IsNullOrEmpty(uri.Host))
            throw new ProtocolViolationException($"The server's {what} {ProtocolViolationException.Quote(value)} is not an absolute http(s) URI without user info; refusing to follow it.");
        return uri;
    }
}
