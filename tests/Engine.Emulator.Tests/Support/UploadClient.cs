using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Engine.Emulator.Tests.Support;

/// <summary>Plain HttpClient calls of the resumable protocol, written from the spec for the tests.</summary>
internal sealed class UploadClient(Uri baseAddress, string token = "token-A") : IDisposable
{
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public HttpClient Http => http;

    public HttpRequestMessage OpenRequest(string title, long length, string contentType = "video/mp4", string? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post,
            new Uri(baseAddress, "upload/youtube/v3/videos?uploadType=resumable&part=snippet,status,contentDetails"))
        {
            Content = new StringContent(body ?? $$$"""{"snippet":{"title":"{{{title}}}","categoryId":22},"status":{"privacyStatus":"private"}}""",
                Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("X-Upload-Content-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Upload-Content-Type", contentType);
        return request;
    }

    public async Task<Uri> OpenAsync(string title, long length)
    {
        using var response = await http.SendAsync(OpenRequest(title, length));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.Location ?? throw new InvalidOperationException("no Location");
    }

    public Task<HttpResponseMessage> PutAsync(Uri session, byte[] media, long first, long lastInclusive, string? tokenOverride = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, session)
        {
            Content = new ByteArrayContent(media, (int)first, (int)(lastInclusive - first + 1)),
        };
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(first, lastInclusive, media.Length);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenOverride ?? token);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> PutWholeAsync(Uri session, byte[] media)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent(media) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http.SendAsync(request);
    }

    public Task<HttpResponseMessage> QueryAsync(Uri session, long total, string? tokenOverride = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(total);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokenOverride ?? token);
        return http.SendAsync(request);
    }

    /// <summary>The stored length a status query reports (0 when there is no Range header).</summary>
    public async Task<long> StoredAsync(Uri session, long total)
    {
        using var response = await QueryAsync(session, total);
        Assert.Equal(308, (int)response.StatusCode);
        return StoredFrom(response);
    }

    public static long StoredFrom(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Range", out var values))
        {
            return 0;
        }

        var value = values.Single();
        Assert.StartsWith("bytes=0-", value, StringComparison.Ordinal);
        return long.Parse(value["bytes=0-".Length..], System.Globalization.CultureInfo.InvariantCulture) + 1;
    }

    public void Dispose() => http.Dispose();
}
