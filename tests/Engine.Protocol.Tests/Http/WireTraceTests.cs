using Engine.Protocol.Download;
using Engine.Protocol.Http;
using Engine.Protocol.Tests.Support;
using Engine.Protocol.Upload;
using Engine.Protocol.Resilience;
using Engine.TestKit;

namespace Engine.Protocol.Tests.Http;

public sealed class WireTraceTests
{
    [Fact]
    public async Task Logs_request_and_response_lines_with_secrets_and_capabilities_redacted()
    {
        var logger = new CapturingLogger();
        var peer = new ScriptedHandler()
            .Reply(200, null, ("Location", "https://api.test/upload/youtube/v3/videos?uploadType=resumable&upload_id=SECRET-SESSION"))
            .Reply(200, "{\"name\":\"op-1\"}", ("Set-Cookie", "sid=COOKIE"));
        var http = new HttpClient(new WireTraceHandler(logger) { InnerHandler = peer });
        var clock = new ManualTimeProvider();
        var scope = TokenScope.From(new HttpOptions(), new Uri("https://api.test"));
        var upload = new ResumableUploadClient(http, new UploadOptions { Endpoint = "https://api.test" }, new RetryOptions(), scope, clock);
        var drive = new DriveClient(http, new DownloadOptions { Endpoint = "https://api.test" }, new RetryOptions(), scope, clock);

        await upload.OpenSessionAsync(new UploadSessionRequest("{}", "snippet", 10, "video/mp4"), new BearerToken("ya29.TOKEN"), default);
        await drive.GetOperationAsync(new OperationRef("op-1", new FileRef("f1", "RESKEY")), new BearerToken("ya29.TOKEN"), default);

        var log = logger.All;
        Assert.Contains("send: POST https://api.test/upload/youtube/v3/videos?***", log);
        Assert.Contains("X-Upload-Content-Length: 10", log);
        Assert.Contains("Authorization: ***", log);
        Assert.Contains("reply: 200 OK", log);
        Assert.Contains("Location: https://api.test/upload/youtube/v3/videos?***", log);
        Assert.Contains("send: GET https://api.test/drive/v3/operations/op-1?***", log);
        foreach (var secret in new[] { "ya29", "TOKEN", "SECRET-SESSION", "upload_id", "RESKEY", "COOKIE" })
            Assert.DoesNotContain(secret, log);
    }

    [Theory]
    [InlineData("https://h.test/a/b?upload_id=1&x=2", "https://h.test/a/b?***")]
    [InlineData("https://h.test/a/b", "https://h.test/a/b")]
    [InlineData("http://h.test:8080/?q", "http://h.test:8080/?***")]
    public void Uris_lose_their_query(string uri, string expected) => Assert.Equal(expected, Redaction.Uri(new Uri(uri)));

    [Theory]
    [InlineData("Authorization", "Bearer abc", "***")]
    [InlineData("x-goog-drive-resource-keys", "f/k", "***")]
    [InlineData("Location", "/rel?upload_id=1", "/rel?***")]
    [InlineData("Content-Range", "bytes */10", "bytes */10")]
    public void Header_values_are_redacted_by_name(string name, string value, string expected) =>
        Assert.Equal(expected, Redaction.HeaderValue(name, value));
}
