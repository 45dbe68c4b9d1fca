namespace Engine.Protocol.Http;

/// <summary>Parses a configured API endpoint (<c>engine.upload.endpoint</c>, <c>engine.download.endpoint</c>).</summary>
public static class ApiEndpoint
{
    /// <summary>The endpoint as an absolute http(s) URI, or an error naming the setting and an example.</summary>
    public static Uri Parse(string? value, string key) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) && uri.Host.Length > 0
            ? uri
            : throw new ArgumentException($"Setting {key} = '{value}' is invalid: it must be an absolute http(s) URI such as https://www.googleapis.com. Fix it in engine.conf or with --set {key}=….");
}
