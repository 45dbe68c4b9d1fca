using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Download;
using Engine.Protocol.Tests.Support;
using Engine.Protocol.Tests.Upload;
using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Hostile;

/// <summary>
/// Servers that answer but never let a transfer finish, and partial-content answers that lie about their range: each
/// is bounded (attempts, deadline) or refused before a byte is written, on the manual clock.
/// </summary>
public sealed class HostileLoopTests
{
    [Fact]
    public async Task A_308_loop_without_progress_is_bounded_by_the_deadline_when_attempts_are_plentiful()
    {
        var retry = new RetryOptions { InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(4), Jitter = JitterMode.None,
            MaxAttempts = 10_000, StallTimeout = TimeSpan.FromHours(1) };
        using var rig = new UploadRig(fileSize: 1000, retry: retry);
        // The server stores 100 bytes and then, forever, acknowledges nothing more: every PUT and query gets the same 308.
        for (var i = 0; i < 400; i++)
            rig.Peer.Reply(308, null, UploadRig.Range(99));
        var deadline = rig.Clock.GetUtcNow() + TimeSpan.FromMinutes(2);
        var step = new UploadStep(rig.Target, 100, QueryFirst: false, deadline);

        var outcome = await ClockDriver.RunAsync(rig.Clock, rig.Runner().AdvanceAsync(step, UploadRig.Token, rig.Progress, null, default));

        var failed = Assert.IsType<UploadOutcome.Failed>(outcome);
        Assert.Equal(UploadFailureKind.DeadlineExceeded, failed.Kind);
        Assert.Contains("engine.retry.deadline", failed.Message);
        Assert.Contains("acknowledged none", failed.Message);
        Assert.All(rig.Peer.Requests, r => Assert.True(r.At < deadline));
        // With delays capped at 4 s, two minutes allow a few dozen requests, never the thousands the attempts would.
        Assert.InRange(rig.Peer.Requests.Count, 20, 100);
    }

    [Theory]
    [InlineData("bytes 2000-99999999999999999999999/10000")]     // overflow
    [InlineData("bytes 2000-9223372036854775807/9223372036854775807")] // last == total
    [InlineData("bytes -2000-4999/10000")]                         // negative
    [InlineData("bytes 4999-2000/10000")]                          // reversed
    [InlineData("bytes 2000-4999/abc")]                            // non-numeric total
    [InlineData("bytes 0x7D0-4999/10000")]                         // hex
    [InlineData("bytes=2000-4999/10000")]                          // Range syntax
    [InlineData("")]                                               // empty
    public async Task A_206_whose_content_range_is_not_the_range_asked_writes_nothing(string contentRange)
    {
        var rig = new DriveRig();
        rig.Peer.Reply((_, _) =>
        {
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.PartialContent) { Content = new ByteArrayContent(new byte[3000]) };
            response.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
            return Task.FromResult(response);
        });
        var sink = new MemoryStream();

        var outcome = await rig.Client.FetchContentAsync(new ContentRequest(new Uri("https://api.test/c?id=1"), DriveRig.Blob, new ByteRange(2000, 3000)),
            sink, new TransferProgress(), DriveRig.Token, default);

        var failed = Assert.IsType<ContentOutcome.Failed>(outcome);
        Assert.Equal(DriveFailureKind.ProtocolViolation, failed.Failure.Kind);
        Assert.Equal(0, failed.Bytes);
        Assert.Equal(0, sink.Length);
    }

    [Fact]
    public async Task A_206_without_content_range_writes_nothing()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(206, "abc");
        var sink = new MemoryStream();

        var outcome = await rig.Client.FetchContentAsync(new ContentRequest(new Uri("https://api.test/c?id=1"), DriveRig.Blob, new ByteRange(0, 3)),
            sink, new TransferProgress(), DriveRig.Token, default);

        Assert.Contains("invalid Content-Range header (absent)", Assert.IsType<ContentOutcome.Failed>(outcome).Failure.Message);
        Assert.Equal(0, sink.Length);
    }
}
