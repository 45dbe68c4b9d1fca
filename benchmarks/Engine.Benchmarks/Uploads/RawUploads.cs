using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Engine.Benchmarks.Support;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// The baseline: the protocol done with nothing but <see cref="HttpClient"/>: a POST opens the session, one PUT streams
/// the file through a 128 KiB buffer (the engine's buffer size). No journal, no retries, no status queries.
/// </summary>
internal sealed class RawUploads(HttpClient http, Uri endpoint)
{
    public const int BufferSize = 128 * 1024;

    /// <summary>Opens an upload session for <paramref name="size"/> bytes and returns its URI.</summary>
    public async Task<Uri> OpenSessionAsync(long size, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, "/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status"))
        {
            Content = new StringContent("{\"snippet\":{\"title\":\"bench\"}}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchToken.Value);
        request.Headers.Add("X-Upload-Content-Length", size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Upload-Content-Type", "video/mp4");
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK || response.Headers.Location is not { } location)
            throw new InvalidOperationException($"Opening a raw upload session failed with HTTP {(int)response.StatusCode}.");
        return location;
    }

    /// <summary>PUTs the whole of <paramref name="path"/> to <paramref name="target"/>; any answer but 200/201 throws.</summary>
    public async Task PutAsync(Uri target, string path, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        using var request = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StreamContent(file, BufferSize) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchToken.Value);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            throw new InvalidOperationException($"The raw PUT of '{path}' was answered with HTTP {(int)response.StatusCode}.");
    }

    /// <summary>Opens a session and PUTs the file into it.</summary>
    public async Task UploadAsync(string path, CancellationToken cancellationToken = default) =>
        await PutAsync(await OpenSessionAsync(new FileInfo(path).Length, cancellationToken), path, cancellationToken);
}
