using System.Net;

namespace Engine.Protocol.Tests.Support;

/// <summary>
/// A canned HTTP peer: answers each request with the next scripted reply and records what was sent (method, URI,
/// headers, body bytes and the clock time), so tests check both directions of an exchange without a server.
/// </summary>
public sealed class ScriptedHandler(TimeProvider? clock = null) : HttpMessageHandler
{
    private readonly Queue<Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>> _replies = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_requests) return [.. _requests]; }
    }

    public ScriptedHandler Reply(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> reply)
    {
        lock (_replies) _replies.Enqueue(reply);
        return this;
    }

    public ScriptedHandler Reply(HttpStatusCode status, string? body = null, params (string Name, string Value)[] headers) =>
        Reply((_, _) => Task.FromResult(Response(status, body, headers)));

    public ScriptedHandler Reply(int status, string? body = null, params (string Name, string Value)[] headers) =>
        Reply((HttpStatusCode)status, body, headers);

    /// <summary>Simulates a connection lost before any answer.</summary>
    public ScriptedHandler Drop() =>
        Reply((_, _) => Task.FromException<HttpResponseMessage>(new HttpRequestException("The connection was reset by peer.", new IOException("reset"))));

    /// <summary>Never answers until the request is cancelled (a stalled peer).</summary>
    public ScriptedHandler Hang() =>
        Reply(async (_, ct) =>
        {
            await Task.Delay(Timeout.Infinite, ct);
            throw new InvalidOperationException("unreachable");
        });

    public static HttpResponseMessage Response(HttpStatusCode status, string? body = null, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(body ?? "") };
        if (body is null) response.Content.Headers.ContentLength = 0;
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
                response.Content.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        lock (_requests) _requests.Add(new RecordedRequest(request, body, (clock ?? TimeProvider.System).GetUtcNow()));
        Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> reply;
        lock (_replies)
        {
            if (!_replies.TryDequeue(out reply!))
                throw new InvalidOperationException($"Unscripted request #{_requests.Count}: {request.Method} {request.RequestUri}");
        }
        var response = await reply(request, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
