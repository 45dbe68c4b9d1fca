using System.Net;
using System.Net.Http.Headers;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Security;

/// <summary>
/// Size limits the emulator enforces on what a client sends, including the paths a Content-Length check alone misses:
/// chunked bodies, and PUT bodies longer than the range they name.
/// </summary>
public sealed class RequestLimitTests
{
    /// <summary>A body of unknown length (chunked transfer-encoding): no Content-Length for the server to check up front.</summary>
    private sealed class ChunkedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    [Fact]
    public async Task Chunked_metadata_above_the_limit_gets_413_while_it_streams()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { MaxMetadataBytes = 1024 });
        using var client = new UploadClient(server.BaseAddress);
        var request = client.OpenRequest("t", 10);
        request.Content = new ChunkedContent(System.Text.Encoding.UTF8.GetBytes($$$"""{"snippet":{"title":"{{{new string('x', 64 * 1024)}}}"}}"""));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, server.Inspector.SessionsOpened);
    }

    [Fact]
    public async Task A_chunked_put_longer_than_its_range_stores_only_the_range()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(TestBytes.Chunk * 2);
        var session = await client.OpenAsync("overlong", media.Length);
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ChunkedContent(media) };
        request.Content.Headers.ContentRange = new ContentRangeHeaderValue(0, TestBytes.Chunk - 1, media.Length);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "token-A");

        using var response = await client.Http.SendAsync(request);

        // The range's bytes are stored, the excess is discarded, and the answer says exactly what was kept.
        Assert.Equal(308, (int)response.StatusCode);
        Assert.Equal(TestBytes.Chunk, await client.StoredAsync(session, media.Length));
        using var rest = await client.PutAsync(session, media, TestBytes.Chunk, media.Length - 1);
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal(TestBytes.Sha256(media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
    }

    [Fact]
    public async Task Request_headers_above_the_limit_get_431_on_every_endpoint()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { MaxRequestHeaderBytes = 8 * 1024 });
        using var client = new DriveClient(server.BaseAddress);
        foreach (var (method, path) in new[] { (HttpMethod.Post, "drive/v3/files/f1/download"), (HttpMethod.Get, "drive/v3/operations/op1"), (HttpMethod.Put, "upload/youtube/v3/videos?uploadType=resumable&upload_id=abc") })
        {
            var request = new HttpRequestMessage(method, new Uri(server.BaseAddress, path));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('t', 16 * 1024));
            using var response = await client.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, response.StatusCode);
        }
    }
}
