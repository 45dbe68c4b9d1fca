namespace Engine.Protocol.Http;

/// <summary>
/// Decides which URIs may receive the bearer token (and resource keys): the hosts of the configured API endpoints and
/// the hosts the operator allowed (<c>engine.http.allowed-token-hosts</c>). A hostile server that points a session
/// URI, download URI or redirect at another host therefore never sees the token.
/// </summary>
public sealed class TokenScope
{
    private readonly HashSet<string> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public TokenScope(IEnumerable<Uri> apiEndpoints, IEnumerable<string> allowedHosts)
    {
        ArgumentNullException.ThrowIfNull(apiEndpoints);
        ArgumentNullException.ThrowIfNull(allowedHosts);
        foreach (var endpoint in apiEndpoints)
        {
            if (!endpoint.IsAbsoluteUri)
                throw new ArgumentException($"The API endpoint '{endpoint}' is not an absolute URI; configure it as scheme://host[:port].", nameof(apiEndpoints));
            _hosts.Add(endpoint.IdnHost);
        }
        foreach (var host in allowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host))
                throw new ArgumentException("engine.http.allowed-token-hosts contains an empty host name; remove it.", nameof(allowedHosts));
            _hosts.Add(host.Trim());
        }
    }

    /// <summary>The scope of the configured endpoints (upload and download) plus <see cref="HttpOptions.AllowedTokenHosts"/>.</summary>
    public static TokenScope From(HttpOptions http, params Uri[] apiEndpoints) => new(apiEndpoints, http.AllowedTokenHosts);

    /// <summary>True when a request to <paramref name="uri"/> may carry the token.</summary>
    public bool Allows(Uri uri) => uri.IsAbsoluteUri && _hosts.Contains(uri.IdnHost);

    /// <summary>Adds <c>Authorization: Bearer …</c> to <paramref name="request"/> only when its URI is in scope.</summary>
    public void Authorize(HttpRequestMessage request, BearerToken token)
    {
        if (request.RequestUri is { } uri && Allows(uri))
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token.Reveal());
    }
}
