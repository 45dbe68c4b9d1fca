using System.Net;
using Engine.Protocol.Http;
using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Upload;

/// <summary>Every row of spec resumable-upload §3 and §4.2, for a data PUT and for a status query.</summary>
public sealed class UploadOutcomeTableTests
{
    private const string Resource = """{"kind":"youtube#video","id":"abc123"}""";

    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    public async Task Success_is_completed_with_the_resource(int status)
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(status, Resource).Reply(status, Resource);
        Assert.Equal(new UploadOutcome.Completed(Resource), await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        // A status query after completion repeats the completion answer.
        Assert.Equal(new UploadOutcome.Completed(Resource), await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData("bytes=0-0", 1)]
    [InlineData("bytes=0-499", 500)]
    public async Task Resume_incomplete_reports_the_acknowledged_end(string? range, long expected)
    {
        using var rig = new UploadRig();
        var headers = range is null ? [] : new[] { ("Range", range) };
        rig.Peer.Reply(308, null, headers).Reply(308, null, headers);
        Assert.Equal(new UploadOutcome.Incomplete(expected), await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Equal(new UploadOutcome.Incomplete(expected), await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default));
    }

    [Theory]
    [InlineData(500, TransientCause.ServerError)]
    [InlineData(502, TransientCause.ServerError)]
    [InlineData(503, TransientCause.ServerError)]
    [InlineData(504, TransientCause.ServerError)]
    [InlineData(429, TransientCause.TooManyRequests)]
    [InlineData(408, TransientCause.RequestTimeout)]
    public async Task Transient_statuses_are_resumable_with_retry_after(int status, TransientCause cause)
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(status, """{"error":{"code":503,"message":"Backend busy"}}""", ("Retry-After", "17"))
                .Reply(status, "plain text");
        var first = Assert.IsType<UploadOutcome.Resumable>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Equal(cause, first.Cause);
        Assert.Equal(TimeSpan.FromSeconds(17), first.RetryAfter);
        Assert.Contains("Backend busy", first.Detail);
        var second = Assert.IsType<UploadOutcome.Resumable>(await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default));
        Assert.Null(second.RetryAfter);
        Assert.Contains("plain text", second.Detail);
    }

    [Fact]
    public async Task An_invalid_retry_after_is_ignored_and_reported()
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(503, null, ("Retry-After", "whenever"));
        var outcome = Assert.IsType<UploadOutcome.Resumable>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Null(outcome.RetryAfter);
        Assert.Contains("invalid Retry-After", outcome.Detail);
    }

    [Fact]
    public async Task A_lost_connection_is_resumable()
    {
        using var rig = new UploadRig();
        rig.Peer.Drop().Drop();
        Assert.Equal(TransientCause.ConnectionLost,
            Assert.IsType<UploadOutcome.Resumable>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default)).Cause);
        Assert.Equal(TransientCause.ConnectionLost,
            Assert.IsType<UploadOutcome.Resumable>(await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default)).Cause);
    }

    [Fact]
    public async Task Not_found_means_the_session_expired()
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(404, """{"error":{"code":404,"message":"Session gone"}}""");
        var outcome = Assert.IsType<UploadOutcome.SessionExpired>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Contains("Session gone", outcome.Detail);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(409)]
    [InlineData(410)]
    [InlineData(413)]
    [InlineData(501)]
    [InlineData(505)]
    [InlineData(302)]
    public async Task Other_statuses_are_permanent_with_the_servers_message(int status)
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(status, """{"error":{"code":400,"message":"Video title too long","errors":[{"reason":"invalidTitle"}]}}""");
        var outcome = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Equal(UploadFailureKind.Rejected, outcome.Kind);
        Assert.Equal(status, outcome.StatusCode);
        Assert.Contains($"HTTP {status} (invalidTitle): Video title too long. This is permanent", outcome.Message);
    }

    [Fact]
    public async Task A_server_message_ending_its_sentence_gets_no_second_full_stop()
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(403, """{"error":{"code":403,"message":"Quota exceeded for this project."}}""");
        var outcome = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Contains("HTTP 403: Quota exceeded for this project. This is permanent", outcome.Message);
    }

    [Fact]
    public async Task A_huge_error_body_is_bounded_in_the_message()
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(400, new string('e', 3_000_000));
        var outcome = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.True(outcome.Message.Length < 1000, outcome.Message.Length.ToString());
    }

    [Theory]
    [InlineData(308, "bytes=0-1000", "at most 1000")]         // beyond what was sent
    [InlineData(308, "bytes=0-99", "fewer than the 200")]    // going backwards
    [InlineData(308, "bytes=5-99", "invalid Range")]
    [InlineData(201, "not json at all", "not a JSON object")]
    [InlineData(201, "[1,2,3]", "not a JSON object")]
    [InlineData(200, "", "not a JSON object")]
    public async Task Hostile_answers_are_protocol_violations(int status, string rangeOrBody, string expected)
    {
        using var rig = new UploadRig();
        if (status == 308) rig.Peer.Reply(308, null, ("Range", rangeOrBody));
        else rig.Peer.Reply(status, rangeOrBody);
        var outcome = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 200, UploadRig.Token, rig.Progress, default));
        Assert.Equal(UploadFailureKind.ProtocolViolation, outcome.Kind);
        Assert.Contains(expected, outcome.Message);
    }

    [Fact]
    public async Task An_oversized_completion_body_is_refused()
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(HttpStatusCode.Created, "{\"a\":\"" + new string('x', 2 << 20) + "\"}");
        var outcome = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Equal(UploadFailureKind.ProtocolViolation, outcome.Kind);
        Assert.Contains("larger than", outcome.Message);
    }

    [Fact]
    public async Task A_missing_source_file_fails_with_the_path()
    {
        using var rig = new UploadRig();
        File.Delete(rig.File.Path);
        rig.Peer.Reply(500);
        var outcome = Assert.IsType<UploadOutcome.Failed>(await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Equal(UploadFailureKind.SourceFile, outcome.Kind);
        Assert.Contains(rig.File.Path, outcome.Message);
    }
}
