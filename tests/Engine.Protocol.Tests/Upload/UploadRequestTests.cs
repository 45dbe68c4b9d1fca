using Engine.Protocol.Http;
using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Upload;

/// <summary>What goes on the wire for each request of spec resumable-upload §1, §2, §4.1, §4.3 and §5.</summary>
public sealed class UploadRequestTests
{
    private const string Metadata = """{"snippet":{"title":"Clip","categoryId":22},"status":{"privacyStatus":"public"}}""";

    [Fact]
    public async Task Open_session_posts_the_metadata_and_returns_the_location()
    {
        using var rig = new UploadRig(fileSize: 2_000_000);
        rig.Peer.Reply(200, null, ("Location", UploadRig.SessionUri.AbsoluteUri));
        var outcome = await rig.Client.OpenSessionAsync(new UploadSessionRequest(Metadata, "snippet,status,contentDetails", 2_000_000, "video/*"), UploadRig.Token, default);

        Assert.Equal(new UploadOutcome.SessionOpened(UploadRig.SessionUri), outcome);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.test/upload/youtube/v3/videos?uploadType=resumable&part=snippet%2Cstatus%2CcontentDetails", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer ya29.secret-token", sent.Header("Authorization"));
        Assert.Equal("application/json; charset=UTF-8", sent.Header("Content-Type"));
        Assert.Equal(Metadata, System.Text.Encoding.UTF8.GetString(sent.Body));
        Assert.Equal(sent.Body.Length.ToString(), sent.Header("Content-Length"));
        Assert.Equal("2000000", sent.Header("X-Upload-Content-Length"));
        Assert.Equal("video/*", sent.Header("X-Upload-Content-Type"));
        Assert.DoesNotContain("upload_id", outcome.ToString());
    }

    [Theory]
    [InlineData(null, "no Location header")]
    [InlineData("ftp://api.test/session", "not an absolute")]
    [InlineData("/relative", "not an absolute")]
    public async Task Open_session_without_a_usable_location_is_a_clear_error(string? location, string expected)
    {
        using var rig = new UploadRig();
        if (location is null) rig.Peer.Reply(200);
        else rig.Peer.Reply(200, null, ("Location", location));
        var outcome = Assert.IsType<UploadOutcome.Failed>(
            await rig.Client.OpenSessionAsync(new UploadSessionRequest("{}", "snippet", 1000, "video/mp4"), UploadRig.Token, default));
        Assert.Equal(UploadFailureKind.ProtocolViolation, outcome.Kind);
        Assert.Contains(expected, outcome.Message);
    }

    [Fact]
    public async Task Open_session_answered_404_is_a_failure_naming_the_endpoint_not_an_expired_session()
    {
        using var rig = new UploadRig();
        rig.Peer.Reply(404, "no such path");
        var outcome = Assert.IsType<UploadOutcome.Failed>(
            await rig.Client.OpenSessionAsync(new UploadSessionRequest("{}", "snippet", 1000, "video/mp4"), UploadRig.Token, default));
        Assert.Contains("engine.upload.endpoint", outcome.Message);
    }

    [Theory]
    [InlineData("not json", "snippet", "video/mp4", "not valid JSON")]
    [InlineData("[1]", "snippet", "video/mp4", "JSON object")]
    [InlineData("{}", " ", "video/mp4", "'part' list is empty")]
    [InlineData("{}", "snippet", "no type", "not a media type")]
    public async Task Open_session_rejects_bad_input_before_any_request(string metadata, string parts, string contentType, string expected)
    {
        using var rig = new UploadRig();
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            rig.Client.OpenSessionAsync(new UploadSessionRequest(metadata, parts, 1000, contentType), UploadRig.Token, default));
        Assert.Contains(expected, error.Message);
        Assert.Empty(rig.Peer.Requests);
    }

    [Fact]
    public async Task Single_request_put_sends_the_whole_file_without_content_range()
    {
        using var rig = new UploadRig(fileSize: 10_000);
        rig.Peer.Reply(201, "{}");
        await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal(UploadRig.SessionUri, sent.Uri);
        Assert.Equal("10000", sent.Header("Content-Length"));
        Assert.Equal("video/mp4", sent.Header("Content-Type"));
        Assert.Null(sent.Header("Content-Range"));
        Assert.Equal(rig.File.Bytes, sent.Body);
        Assert.Equal(10_000, rig.Progress.Bytes);
    }

    [Fact]
    public async Task Resume_sends_the_rest_from_the_offset()
    {
        using var rig = new UploadRig(fileSize: 10_000);
        rig.Peer.Reply(201, "{}");
        await rig.Client.SendAsync(rig.Target, 4_000, UploadRig.Token, rig.Progress, default);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal("6000", sent.Header("Content-Length"));
        Assert.Equal("bytes 4000-9999/10000", sent.Header("Content-Range"));
        Assert.Equal(rig.File.Slice(4_000, 6_000), sent.Body);
    }

    [Fact]
    public async Task Chunked_mode_sends_equal_chunks_but_the_last()
    {
        const long chunk = 2 * UploadChunking.Granularity;
        using var rig = new UploadRig(fileSize: 2 * chunk + 1000, chunkSize: chunk);
        rig.Peer.Reply(308, null, UploadRig.Range(chunk - 1)).Reply(308, null, UploadRig.Range(2 * chunk - 1)).Reply(201, "{}");
        Assert.Equal(new UploadOutcome.Incomplete(chunk), await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default));
        Assert.Equal(new UploadOutcome.Incomplete(2 * chunk), await rig.Client.SendAsync(rig.Target, chunk, UploadRig.Token, rig.Progress, default));
        Assert.IsType<UploadOutcome.Completed>(await rig.Client.SendAsync(rig.Target, 2 * chunk, UploadRig.Token, rig.Progress, default));

        var requests = rig.Peer.Requests;
        Assert.Equal(["bytes 0-524287/1049576", "bytes 524288-1048575/1049576", "bytes 1048576-1049575/1049576"],
            requests.Select(r => r.Header("Content-Range")));
        Assert.Equal(["524288", "524288", "1000"], requests.Select(r => r.Header("Content-Length")));
        Assert.Equal(rig.File.Bytes, requests.SelectMany(r => r.Body).ToArray());
    }

    [Fact]
    public async Task Status_query_is_an_empty_put_with_an_unknown_range()
    {
        using var rig = new UploadRig(fileSize: 2_000_000);
        rig.Peer.Reply(308, null, UploadRig.Range(999_999));
        Assert.Equal(new UploadOutcome.Incomplete(1_000_000), await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default));
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal(HttpMethod.Put, sent.Method);
        Assert.Equal("0", sent.Header("Content-Length"));
        Assert.Equal("bytes */2000000", sent.Header("Content-Range"));
        Assert.Empty(sent.Body);
    }

    [Fact]
    public async Task The_token_goes_only_to_allowed_hosts()
    {
        var elsewhere = new Uri("https://evil.example/upload?upload_id=1");
        using (var rig = new UploadRig(sessionUri: elsewhere))
        {
            rig.Peer.Reply(308);
            await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default);
            Assert.Null(Assert.Single(rig.Peer.Requests).Header("Authorization"));
        }
        using (var rig = new UploadRig(sessionUri: elsewhere, allowedHosts: "EVIL.example"))
        {
            rig.Peer.Reply(308);
            await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default);
            Assert.Equal("Bearer ya29.secret-token", Assert.Single(rig.Peer.Requests).Header("Authorization"));
        }
    }

    [Fact]
    public void The_scope_covers_every_configured_endpoint_and_only_those()
    {
        var scope = TokenScope.From(new HttpOptions { AllowedTokenHosts = ["uploads.test"] },
            new Uri("https://www.googleapis.com"), new Uri("http://127.0.0.1:5000"));
        Assert.True(scope.Allows(new Uri("https://www.googleapis.com/drive/v3/files/x")));
        Assert.True(scope.Allows(new Uri("http://127.0.0.1:5001/other-port-same-host")));
        Assert.True(scope.Allows(new Uri("https://UPLOADS.test/session")));
        Assert.False(scope.Allows(new Uri("https://www.googleapis.com.evil.test/")));
        Assert.False(scope.Allows(new Uri("https://drive.usercontent.google.com/dl")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("www.googleapis.com")]
    [InlineData("ftp://host")]
    public void A_bad_endpoint_setting_is_named(string endpoint) =>
        Assert.Contains("engine.upload.endpoint", Assert.Throws<ArgumentException>(() => new UploadOptions { Endpoint = endpoint }.Validate()).Message);

    [Fact]
    public void Tokens_and_session_uris_do_not_print()
    {
        Assert.Equal("Bearer ***", UploadRig.Token.ToString());
        Assert.Equal("Bearer ***", $"{UploadRig.Token}");
        using var rig = new UploadRig();
        Assert.DoesNotContain("upload_id", rig.Target.ToString());
        Assert.DoesNotContain("xa298sd_f", new UploadOutcome.SessionOpened(UploadRig.SessionUri).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("line\nbreak")]
    public void Invalid_tokens_are_refused_without_echoing_them(string value)
    {
        var error = Assert.Throws<ArgumentException>(() => new BearerToken(value));
        if (value.Length > 0) Assert.DoesNotContain(value, error.Message);
    }
}
