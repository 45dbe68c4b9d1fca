namespace Engine.Protocol.Http;

/// <summary>
/// Decides which URIs may receive the bearer token: the configured API endpoint's host and the hosts the operator
/// allowed (<c>engine.http.allowed-token-hosts</c>). A hostile server that points a session URI or download URI at
/// another host therefore never sees the token.
/// </summary>
public sealed class TokenScope
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public TokenScope(Uri apiEndpoint, IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(apiEndpoint);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        if (!apiEndpoint.IsAbsoluteUri)
            throw new ArgumentException($"The API endpoint '{apiEndpoint}' is not an absolute URI; configure it as scheme://host[:port].", nameof(apiEndpoint));
        _hosts.Add(apiEndpoint.IdnHost);
        foreach (var host in allowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host))
                throw new ArgumentException("engine.http.allowed-token-hosts contains an empty host name; remove it.", nameof(allowedHosts));
            _hosts.Add(host.Trim());
        }
    }

    /// <summary>True when a request to <paramref name="uri"/> may carry the token.</summary>
    public bool Allows(Uri uri) => uri.IsAbsoluteUri && _hosts.Contains(uri.IdnHost);

    /// <summary>Adds <c>Authorization: Bearer …</c> to <paramref name="request"/> only when its URI is in scope.</summary>
    public void Authorize(HttpRequestMessage request, BearerToken token)
    {
        if (request.RequestUri is { } uri && Allows(uri))
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token.Reveal());
    }
}
