using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Inspection;

/// <summary>Logs every request with selected headers (Authorization redacted), body bytes received, the status sent and when it ended.</summary>
internal sealed class RequestLogMiddleware(RequestDelegate next, RequestLog log, TimeProvider time)
{
    private static readonly string[] RequestHeaderNames =
    [
        "Authorization", "Content-Length", "Content-Range", "Content-Type", "Range",
        "X-Upload-Content-Length", "X-Upload-Content-Type", "X-Goog-Drive-Resource-Keys",
        // Tells clients apart, e.g. the nodes of an engine cluster driving one session in turn.
        "User-Agent",
    ];

    private static readonly string[] ResponseHeaderNames = ["Range", "Content-Range", "Retry-After", "Content-Length"];

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var record = new RequestRecord(
            time.GetUtcNow(), request.Method, request.Path + request.QueryString, Select(request.Headers, RequestHeaderNames));
        context.Features.Set(record);
        log.Add(record);
        context.Response.OnStarting(() =>
        {
            if (record.ConnectionReset || context.RequestAborted.IsCancellationRequested)
            {
                return Task.CompletedTask; // nothing reaches a cut connection
            }

            record.Status = context.Response.StatusCode;
            record.ResponseHeaders = Select(context.Response.Headers, ResponseHeaderNames);
            return Task.CompletedTask;
        });
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException && !context.Response.HasStarted)
        {
            // The client went away before the answer (Kestrel: "Unexpected end of request content"), sometimes before
            // RequestAborted fires: without this the request would look in flight for ever.
            record.ConnectionReset = true;
            throw;
        }
        finally
        {
            record.ConnectionReset |= context.RequestAborted.IsCancellationRequested;
            record.Ended = time.GetUtcNow();
        }
    }

    private static Dictionary<string, string> Select(IHeaderDictionary headers, string[] names)
    {
        var selected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (headers.TryGetValue(name, out var value))
            {
                selected[name] = name == "Authorization" ? RedactAuthorization(value.ToString()) : value.ToString();
            }
        }

        return selected;
    }

    private static string RedactAuthorization(string value)
    {
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return (space < 0 ? "" : value[..space] + " ") + "[redacted]";
    }
}
