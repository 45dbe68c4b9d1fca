using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Support;
using Engine.Protocol.Upload;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Protocol.Tests.Upload;

/// <summary>The upload client over real HTTP on loopback: a reset mid-body, then status query and resume.</summary>
public sealed class LoopbackUploadTests
{
    [Fact]
    public async Task A_reset_mid_body_is_resumable_and_the_resume_sends_exactly_the_missing_bytes()
    {
        using var file = new TempFile(4 * 1024 * 1024);
        var received = new MemoryStream();
        await using var server = new RawHttpServer(
            async first =>
            {
                received.Write(await first.ReadBodyAsync(100_000));
                first.Reset();
            },
            async query =>
            {
                Assert.Contains("Content-Range: bytes */4194304", query.Head);
                // A 308 with a Location must not be followed as a redirect: it is "Resume Incomplete" here.
                await query.RespondAsync("308 Resume Incomplete", "", "Range: bytes=0-99999", "Location: http://127.0.0.1:9/elsewhere");
            },
            async resume =>
            {
                Assert.Contains("Content-Range: bytes 100000-4194303/4194304", resume.Head);
                received.Write(await resume.ReadBodyAsync(resume.ContentLength));
                await resume.RespondAsync("201 Created", """{"id":"v1"}""", "Content-Type: application/json");
            });

        using var http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);
        var client = new ResumableUploadClient(http, new UploadOptions { Endpoint = server.BaseUri.AbsoluteUri }, new RetryOptions(),
            new TokenScope([server.BaseUri], []), TimeProvider.System);
        var target = new UploadTarget(new Uri(server.BaseUri, "/upload/youtube/v3/videos?upload_id=s1"), file.Path, file.Size, "video/mp4");
        var token = new BearerToken("t0ken");

        var dropped = Assert.IsType<UploadOutcome.Resumable>(await client.SendAsync(target, 0, token, new TransferProgress(), default));
        Assert.Equal(TransientCause.ConnectionLost, dropped.Cause);
        Assert.Equal(new UploadOutcome.Incomplete(100_000), await client.QueryStatusAsync(target, 0, token, default));
        Assert.Equal(new UploadOutcome.Completed("""{"id":"v1"}"""), await client.SendAsync(target, 100_000, token, new TransferProgress(), default));

        await server.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(file.Bytes, received.ToArray());
    }
}
