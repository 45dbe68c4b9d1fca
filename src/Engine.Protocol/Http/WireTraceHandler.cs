using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Engine.Protocol.Http;

/// <summary>
/// Logs each request and response line with its headers (the engine's <c>httplib2.debuglevel = 4</c>, switched on by
/// <c>engine.http.wire-trace</c>), with <see cref="Redaction"/> applied. Bodies are never logged: they are media.
/// The switch is the opt-in, so the lines are logged at Information and show with a host's default logging.
/// </summary>
public sealed partial class WireTraceHandler(ILogger logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
            LogRequest(logger, request.Method, Redaction.Uri(request.RequestUri), Describe(request.Headers, request.Content?.Headers));
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (logger.IsEnabled(LogLevel.Information))
            LogResponse(logger, (int)response.StatusCode, response.ReasonPhrase, Describe(response.Headers, response.Content.Headers));
        return response;
    }

    /// <summary>One "name: value" line per header, redacted.</summary>
    internal static string Describe(HttpHeaders headers, HttpHeaders? contentHeaders)
    {
        var text = new StringBuilder();
        foreach (var set in contentHeaders is null ? [headers] : new[] { headers, contentHeaders })
        {
            foreach (var (name, values) in set.NonValidated)
            {
                foreach (var value in values)
                    text.Append('\n').Append(name).Append(": ").Append(Redaction.HeaderValue(name, value));
            }
        }
        return text.ToString();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "send: {Method} {Uri}{Headers}")]
    private static partial void LogRequest(ILogger logger, HttpMethod method, string uri, string headers);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "reply: {Status} {Reason}{Headers}")]
    private static partial void LogResponse(ILogger logger, int status, string? reason, string headers);
}
