using Engine.Protocol.Tests.Upload;
using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Hostile;

/// <summary>
/// A hostile or broken server's <c>308 Range</c> answers (spec resumable-upload §4.2): every one the engine cannot trust
/// ends the transfer with a protocol violation that quotes the header (bounded) and says what to do; none is retried.
/// </summary>
public sealed class HostileRangeTests
{
    private const string Beyond = "at most";
    private const string Backwards = "fewer than the";
    private const string Invalid = "invalid Range header";

    [Theory]
    [InlineData("bytes=0-1000", 200, Beyond)]                          // one byte more than the file holds
    [InlineData("bytes=0-9223372036854775806", 200, Beyond)]           // long.MaxValue bytes stored
    [InlineData("bytes=0-9223372036854775807", 200, Invalid)]          // stored count would overflow a long
    [InlineData("bytes=0-99999999999999999999999", 200, Invalid)]      // overflows the parser
    [InlineData("bytes=0-99", 200, Backwards)]                         // the server forgot acknowledged bytes
    [InlineData("bytes=5-999", 200, Invalid)]                          // a gap at the start
    [InlineData("bytes=100-499", 0, Invalid)]                          // non-zero start
    [InlineData("bytes=0-10,20-30", 0, Invalid)]                       // a gap in the middle
    [InlineData("bytes=0-abc", 0, Invalid)]                            // non-numeric
    [InlineData("bytes=0-", 0, Invalid)]                               // no end
    [InlineData("bytes=0--1", 0, Invalid)]                             // negative end
    [InlineData("bytes=0-+5", 0, Invalid)]                             // signed
    [InlineData("bytes=0-1e3", 0, Invalid)]                            // exponent
    [InlineData("bytes=0- 5", 0, Invalid)]                             // inner whitespace
    [InlineData("bytes=0-\u0663", 0, Invalid)]                         // a non-ASCII digit
    [InlineData("bytes 0-500", 0, Invalid)]                            // Content-Range syntax instead of Range
    [InlineData("items=0-500", 0, Invalid)]                            // another unit
    [InlineData("", 0, Invalid)]                                       // empty value
    public async Task An_untrustworthy_range_on_a_data_put_is_a_protocol_violation(string range, long acknowledged, string expected)
    {
        using var rig = new UploadRig(fileSize: 1000);
        rig.Peer.Reply(308, null, ("Range", range));

        var outcome = await rig.Client.SendAsync(rig.Target, acknowledged, UploadRig.Token, rig.Progress, default);

        var failed = Assert.IsType<UploadOutcome.Failed>(outcome);
        Assert.Equal(UploadFailureKind.ProtocolViolation, failed.Kind);
        Assert.Contains(expected, failed.Message);
        Assert.Contains($"'{range}'", failed.Message);
        Assert.Contains("The server", failed.Message);
    }

    [Theory]
    [InlineData("bytes=0-99", 500, Backwards)]
    [InlineData("bytes=0-1000", 0, Beyond)]
    [InlineData("bytes=0-x", 0, Invalid)]
    public async Task An_untrustworthy_range_on_a_status_query_is_a_protocol_violation(string range, long acknowledged, string expected)
    {
        using var rig = new UploadRig(fileSize: 1000);
        rig.Peer.Reply(308, null, ("Range", range));

        var failed = Assert.IsType<UploadOutcome.Failed>(await rig.Client.QueryStatusAsync(rig.Target, acknowledged, UploadRig.Token, default));

        Assert.Equal(UploadFailureKind.ProtocolViolation, failed.Kind);
        Assert.Contains(expected, failed.Message);
    }

    [Fact]
    public async Task A_range_beyond_the_chunk_just_sent_is_refused_even_inside_the_file()
    {
        using var rig = new UploadRig(fileSize: 1024 * 1024, chunkSize: 256 * 1024);
        rig.Peer.Reply(308, null, ("Range", "bytes=0-524287"));

        var failed = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));

        Assert.Equal(UploadFailureKind.ProtocolViolation, failed.Kind);
        Assert.Contains("at most 262144 were ever sent", failed.Message);
    }

    [Fact]
    public async Task A_flood_in_the_range_header_is_quoted_bounded()
    {
        using var rig = new UploadRig(fileSize: 1000);
        rig.Peer.Reply(308, null, ("Range", "bytes=0-" + new string('9', 20_000)));

        var failed = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));

        Assert.Contains("(20008 chars)", failed.Message);
        Assert.True(failed.Message.Length < 600, $"{failed.Message.Length} chars");
    }

    [Fact]
    public async Task The_step_runner_ends_the_upload_on_a_violation_without_retrying()
    {
        using var rig = new UploadRig(fileSize: 1000);
        rig.Peer.Reply(308, null, ("Range", "bytes=0-99"));
        var notices = new List<Engine.Protocol.Resilience.RetryNotice>();
        var step = new UploadStep(rig.Target, 200, QueryFirst: true, rig.Clock.GetUtcNow() + TimeSpan.FromHours(1));

        var outcome = await rig.Runner().AdvanceAsync(step, UploadRig.Token, rig.Progress, notices.Add, default);

        Assert.Equal(UploadFailureKind.ProtocolViolation, Assert.IsType<UploadOutcome.Failed>(outcome).Kind);
        Assert.Single(rig.Peer.Requests);
        Assert.Empty(notices);
    }
}
