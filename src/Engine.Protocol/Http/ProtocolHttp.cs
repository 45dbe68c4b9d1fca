using Microsoft.Extensions.Logging;

namespace Engine.Protocol.Http;

/// <summary>Builds the HTTP handler chain the wire clients expect.</summary>
public static class ProtocolHttp
{
    /// <summary>
    /// A handler that never follows redirects by itself (a 308 means "Resume Incomplete" to uploads, and Drive
    /// redirects are followed by the client with token scoping per hop), wrapped in the wire trace when
    /// <see cref="HttpOptions.WireTrace"/> is on.
    /// </summary>
    public static HttpMessageHandler CreateHandler(HttpOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var transport = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxResponseHeadersLength = 64,
        };
        return options.WireTrace ? new WireTraceHandler(logger) { InnerHandler = transport } : transport;
    }

    /// <summary>An <see cref="HttpClient"/> over <see cref="CreateHandler"/>; its own timeout is off because the stall timeout and deadline govern.</summary>
    public static HttpClient CreateClient(HttpOptions options, ILogger logger) =>
        new(CreateHandler(options, logger)) { Timeout = Timeout.InfiniteTimeSpan };
}
