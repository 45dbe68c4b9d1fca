namespace Engine.Protocol.Tests.Support;

/// <summary>One request as the scripted peer saw it.</summary>
public sealed class RecordedRequest(HttpRequestMessage request, byte[] body, DateTimeOffset at)
{
    public HttpMethod Method { get; } = request.Method;
    public Uri Uri { get; } = request.RequestUri!;
    public byte[] Body { get; } = body;
    public DateTimeOffset At { get; } = at;

    private readonly Dictionary<string, string> _headers = Collect(request);

    private static Dictionary<string, string> Collect(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated) headers[name] = string.Join(",", values);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated) headers[name] = string.Join(",", values);
        }
        return headers;
    }

    /// <summary>The header's value, or null when it was not sent.</summary>
    public string? Header(string name) => _headers.GetValueOrDefault(name);
}
