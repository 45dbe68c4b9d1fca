namespace Engine.Protocol.Http;

/// <summary>Settings under <c>engine.http</c> (property names are the HOCON keys in PascalCase).</summary>
public sealed class HttpOptions
{
    /// <summary>
    /// <c>engine.http.allowed-token-hosts</c>: hosts besides the configured API endpoint's host that may receive the
    /// bearer token (e.g. a separate upload host). A session URI or download URI elsewhere is called without it.
    /// </summary>
    public IReadOnlyList<string> AllowedTokenHosts { get; set; } = [];

    /// <summary><c>engine.http.wire-trace</c>: log every request/response line and header (secrets redacted).</summary>
    public bool WireTrace { get; set; }
}
