using Engine.Protocol.Tests.Upload;
using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Hostile;

/// <summary>
/// The session URI a server hands out (spec resumable-upload §1) is untrusted: unusable ones end the upload with a clear
/// error, and a usable one on another host is called without the bearer token unless the operator allowed that host.
/// </summary>
public sealed class HostileLocationTests
{
    private static readonly UploadSessionRequest Session = new("""{"snippet":{"title":"t"}}""", "snippet,status", 1000, "video/mp4");

    [Theory]
    [InlineData(null, "has no Location header")]
    [InlineData("   ", "has no Location header")]
    [InlineData("/upload/youtube/v3/videos?upload_id=relative", "not an absolute http(s) URI")]
    [InlineData("ftp://api.test/upload?upload_id=x", "not an absolute http(s) URI")]
    [InlineData("file:///etc/passwd", "not an absolute http(s) URI")]
    [InlineData("javascript:alert(1)", "not an absolute http(s) URI")]
    [InlineData("https://user:password@api.test/upload?upload_id=x", "not an absolute http(s) URI")]
    [InlineData("https://", "not an absolute http(s) URI")]
    public async Task An_unusable_location_fails_the_session_opening(string? location, string expected)
    {
        using var rig = new UploadRig();
        var headers = location is null ? [] : new[] { ("Location", location) };
        rig.Peer.Reply(200, null, headers);

        var failed = Assert.IsType<UploadOutcome.Failed>(await rig.Client.OpenSessionAsync(Session, UploadRig.Token, default));

        Assert.Equal(UploadFailureKind.ProtocolViolation, failed.Kind);
        Assert.Contains(expected, failed.Message);
        Assert.Single(rig.Peer.Requests);
    }

    [Theory]
    [InlineData("https://evil.test/upload?upload_id=abc", new string[0], false)]
    [InlineData("https://API.TEST.evil.test/upload?upload_id=abc", new string[0], false)]
    [InlineData("https://evil.test/upload?upload_id=abc", new[] { "evil.test" }, true)]
    [InlineData("https://uploads.api.test/upload?upload_id=abc", new[] { "uploads.api.test" }, true)]
    [InlineData("https://api.test:8443/upload?upload_id=abc", new string[0], true)]          // scope is by host, as documented
    public async Task A_session_on_another_host_gets_the_token_only_when_allowed(string location, string[] allowed, bool expectToken)
    {
        using var rig = new UploadRig(fileSize: 1000, sessionUri: new Uri(location), allowedHosts: allowed);
        rig.Peer.Reply(200, null, ("Location", location)).Reply(308).Reply(201, """{"id":"v"}""");

        var opened = Assert.IsType<UploadOutcome.SessionOpened>(await rig.Client.OpenSessionAsync(Session, UploadRig.Token, default));
        Assert.Equal(new Uri(location), opened.SessionUri);
        await rig.Client.QueryStatusAsync(rig.Target, 0, UploadRig.Token, default);
        await rig.Client.SendAsync(rig.Target, 0, UploadRig.Token, rig.Progress, default);

        var requests = rig.Peer.Requests;
        Assert.Equal("Bearer ya29.secret-token", requests[0].Header("Authorization"));   // the configured endpoint
        Assert.All(requests.Skip(1), r => Assert.Equal(expectToken ? "Bearer ya29.secret-token" : null, r.Header("Authorization")));
        Assert.All(requests.Skip(1), r => Assert.Equal(new Uri(location), r.Uri));
    }
}
