using System.Net.Http.Headers;
using System.Text.Json;
using Engine.Benchmarks.Support;

namespace Engine.Benchmarks.Downloads;

/// <summary>
/// The download baseline: the LRO flow done with nothing but <see cref="HttpClient"/>: <c>files.download</c>, polls
/// with no wait until the operation is done, then one unranged GET of the content into a file through a 128 KiB buffer
/// (the engine's buffer size). No journal, no retries, no segments, no hash.
/// </summary>
internal sealed class RawDownloads(HttpClient http, Uri endpoint)
{
    private const int BufferSize = 128 * 1024;

    /// <summary>Downloads Drive file <paramref name="fileId"/> into <paramref name="destination"/>.</summary>
    public async Task DownloadAsync(string fileId, string destination, CancellationToken cancellationToken = default)
    {
        var content = await ContentUriAsync(fileId, cancellationToken);
        using var request = Authorized(HttpMethod.Get, content);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(file, BufferSize, cancellationToken);
    }

    /// <summary>Starts the operation and polls it until done; returns its <c>downloadUri</c>.</summary>
    private async Task<Uri> ContentUriAsync(string fileId, CancellationToken cancellationToken)
    {
        using var operation = await SendAsync(HttpMethod.Post, new Uri(endpoint, $"/drive/v3/files/{Uri.EscapeDataString(fileId)}/download"), cancellationToken);
        var name = operation.RootElement.GetProperty("name").GetString()!;
        for (var polls = 0; polls < 100; polls++)
        {
            using var polled = await SendAsync(HttpMethod.Get, new Uri(endpoint, $"/drive/v3/operations/{Uri.EscapeDataString(name)}"), cancellationToken);
            if (polled.RootElement.TryGetProperty("done", out var done) && done.GetBoolean())
                return new Uri(polled.RootElement.GetProperty("response").GetProperty("downloadUri").GetString()!);
        }
        throw new InvalidOperationException($"The download operation {name} of '{fileId}' was still pending after 100 polls.");
    }

    private async Task<JsonDocument> SendAsync(HttpMethod method, Uri uri, CancellationToken cancellationToken)
    {
        using var request = Authorized(method, uri);
        using var response = await http.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    private static HttpRequestMessage Authorized(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", BenchToken.Value);
        return request;
    }
}
