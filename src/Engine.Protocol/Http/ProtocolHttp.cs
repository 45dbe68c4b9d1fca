using Microsoft.Extensions.Logging;

namespace Engine.Protocol.Http;

/// <summary>Builds the HTTP handler chain the wire clients expect.</summary>
public static class ProtocolHttp
{
    /// <summary>
    /// A handler that never follows redirects by itself (a 308 means "Resume Incomplete" to uploads, and Drive
    /// redirects are followed by the client with token scoping per hop), wrapped in the wire trace when
    /// <see cref="HttpOptions.WireTrace"/> is on. <paramref name="maxConnectionsPerServer"/> bounds the pooled connections
    /// to one host (<c>engine.supervisor.max-connections-per-host</c>).
    /// </summary>
    public static HttpMessageHandler CreateHandler(HttpOptions options, ILogger logger, int maxConnectionsPerServer = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnectionsPerServer, 1);
        ArgumentNullException.ThrowIfNull(options);
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = 64,
            MaxConnectionsPerServer = maxConnectionsPerServer,
        };
        return options.WireTrace ? new WireTraceHandler(logger) { InnerHandler = transport } : transport;
    }

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>; its own timeout is off because the stall timeout and deadline govern.</summary>
    public static HttpClient CreateClient(HttpOptions options, ILogger logger, int maxConnectionsPerServer = int.MaxValue) =>
        new(CreateHandler(options, logger, maxConnectionsPerServer))
        {
            Timeout = Timeout.InfiniteTimeSpan,
            // HTTP/1.1 for bulk bodies: one stream per connection, no multiplexing overhead.
            DefaultRequestVersion = System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
}
