using Engine.Protocol.Download;
using Engine.Protocol.Http;

namespace Engine.Protocol.Tests.Download;

/// <summary>What goes on the wire for each Drive call, and how non-success answers are classified.</summary>
public sealed class DriveRequestTests
{
    [Fact]
    public async Task Download_posts_with_mime_type_revision_and_resource_key()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, DriveRig.Pending());
        var outcome = await rig.Client.StartDownloadAsync(new DownloadRequest(DriveRig.Shared, "application/pdf", "rev 7"), DriveRig.Token, default);

        Assert.Equal(new OperationState.Pending("op-1"), Assert.IsType<DriveOutcome<OperationState>.Succeeded>(outcome).Value);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.test/drive/v3/files/file-2/download?mimeType=application%2Fpdf&revisionId=rev%207", sent.Uri.AbsoluteUri);
        Assert.Equal("Bearer ya29.drive-secret", sent.Header("Authorization"));
        Assert.Equal("file-2/0-resKEY", sent.Header("X-Goog-Drive-Resource-Keys"));
    }

    [Fact]
    public async Task Download_without_options_has_no_query_and_no_resource_key()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, DriveRig.Pending());
        await rig.Client.StartDownloadAsync(new DownloadRequest(DriveRig.Blob, null, null), DriveRig.Token, default);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Equal("https://api.test/drive/v3/files/file-1/download", sent.Uri.AbsoluteUri);
        Assert.Null(sent.Header("X-Goog-Drive-Resource-Keys"));
    }

    [Fact]
    public async Task Every_poll_and_the_content_fetch_carry_the_resource_key()
    {
        var rig = new DriveRig(allowedHosts: "content.test");
        rig.Peer.Reply(200, DriveRig.Pending()).Reply(200, DriveRig.Pending()).Reply(200, "abc");
        var op = new OperationRef("operations/op 1", DriveRig.Shared);
        await rig.Client.GetOperationAsync(op, DriveRig.Token, default);
        await rig.Client.GetOperationAsync(op, DriveRig.Token, default);
        await rig.Client.FetchContentAsync(new ContentRequest(new Uri("https://content.test/dl?id=2"), DriveRig.Shared, null), new MemoryStream(), new TransferProgress(), DriveRig.Token, default);

        var requests = rig.Peer.Requests;
        Assert.Equal("https://api.test/drive/v3/operations/operations%2Fop%201?alt=json", requests[0].Uri.AbsoluteUri);
        Assert.All(requests, r => Assert.Equal("file-2/0-resKEY", r.Header("X-Goog-Drive-Resource-Keys")));
        Assert.All(requests, r => Assert.Equal("Bearer ya29.drive-secret", r.Header("Authorization")));
    }

    [Fact]
    public async Task A_download_uri_on_a_host_not_allowed_gets_neither_token_nor_resource_key()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, "abc");
        await rig.Client.FetchContentAsync(new ContentRequest(new Uri("https://evil.test/dl"), DriveRig.Shared, null), new MemoryStream(), new TransferProgress(), DriveRig.Token, default);
        var sent = Assert.Single(rig.Peer.Requests);
        Assert.Null(sent.Header("Authorization"));
        Assert.Null(sent.Header("X-Goog-Drive-Resource-Keys"));
    }

    [Fact]
    public async Task Redirects_are_followed_with_the_token_scoped_per_hop()
    {
        var rig = new DriveRig(allowedHosts: "docs.test");
        rig.Peer.Reply(302, null, ("Location", "https://docs.test/export?id=1"))
                .Reply(307, null, ("Location", "https://elsewhere.test/blob"))
                .Reply(200, "content");
        var sink = new MemoryStream();
        var outcome = await rig.Client.FetchContentAsync(new ContentRequest(new Uri("https://api.test/link"), DriveRig.Blob, null), sink, new TransferProgress(), DriveRig.Token, default);

        Assert.Equal(new ContentOutcome.Received(7), outcome);
        Assert.Equal("content", System.Text.Encoding.UTF8.GetString(sink.ToArray()));
        Assert.Equal(["Bearer ya29.drive-secret", "Bearer ya29.drive-secret", null], rig.Peer.Requests.Select(r => r.Header("Authorization")));
        Assert.Equal("https://elsewhere.test/blob", rig.Peer.Requests[2].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task A_see_other_redirect_turns_the_post_into_a_get()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(303, null, ("Location", "/drive/v3/operations/op-1")).Reply(200, DriveRig.Pending());
        await rig.Client.StartDownloadAsync(new DownloadRequest(DriveRig.Blob, null, null), DriveRig.Token, default);
        Assert.Equal([HttpMethod.Post, HttpMethod.Get], rig.Peer.Requests.Select(r => r.Method));
        Assert.Equal("https://api.test/drive/v3/operations/op-1", rig.Peer.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Redirect_loops_and_unusable_locations_are_protocol_violations()
    {
        var rig = new DriveRig();
        for (var i = 0; i < 6; i++) rig.Peer.Reply(302, null, ("Location", "https://api.test/loop"));
        var loop = Assert.IsType<DriveOutcome<DriveFile>.Failed>(await rig.Client.GetFileAsync(DriveRig.Blob, DriveRig.Token, default));
        Assert.Contains("more than 5 times", loop.Failure.Message);

        rig.Peer.Reply(302, null, ("Location", "file:///etc/passwd"));
        var bad = Assert.IsType<DriveOutcome<DriveFile>.Failed>(await rig.Client.GetFileAsync(DriveRig.Blob, DriveRig.Token, default));
        Assert.Contains("refusing to follow", bad.Failure.Message);
    }

    [Fact]
    public async Task Files_get_reads_the_metadata_with_size_as_a_string()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, """{"id":"file-1","name":"clip.mp4","mimeType":"video/mp4","size":"123456789012","headRevisionId":"r9"}""");
        var file = Assert.IsType<DriveOutcome<DriveFile>.Succeeded>(await rig.Client.GetFileAsync(DriveRig.Blob, DriveRig.Token, default)).Value;
        Assert.Equal(new DriveFile("file-1", "clip.mp4", "video/mp4", 123_456_789_012, "r9"), file);
        Assert.Equal("https://api.test/drive/v3/files/file-1?fields=id%2Cname%2CmimeType%2Csize%2CheadRevisionId", rig.Peer.Requests[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Revisions_list_follows_every_page()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(200, """{"revisions":[{"id":"1"},{"id":"4"}],"nextPageToken":"p2"}""")
                .Reply(200, """{"revisions":[{"id":"9"}]}""");
        var list = Assert.IsType<DriveOutcome<IReadOnlyList<DriveRevision>>.Succeeded>(await rig.Client.ListRevisionsAsync(DriveRig.Blob, DriveRig.Token, default)).Value;
        Assert.Equal(["1", "4", "9"], list.Select(r => r.Id));   // gaps kept: never step by counting
        Assert.Equal("https://api.test/drive/v3/files/file-1/revisions?pageToken=p2", rig.Peer.Requests[1].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Revision_media_of_a_workspace_document_is_surfaced_as_not_downloadable()
    {
        var rig = new DriveRig();
        rig.Peer.Reply(403, """{"error":{"code":403,"message":"Only files with binary content can be downloaded.","errors":[{"reason":"fileNotDownloadable"}]}}""");
        var uri = rig.Client.RevisionMediaUri(DriveRig.Blob, "12");
        Assert.Equal("https://api.test/drive/v3/files/file-1/revisions/12?alt=media", uri.AbsoluteUri);
        var failed = Assert.IsType<ContentOutcome.Failed>(await rig.Client.FetchContentAsync(new ContentRequest(uri, DriveRig.Blob, null), new MemoryStream(), new TransferProgress(), DriveRig.Token, default));
        Assert.Equal(DriveFailureKind.FileNotDownloadable, failed.Failure.Kind);
        Assert.Contains("fileNotDownloadable", failed.Failure.Message);
        Assert.Contains("files.download", failed.Failure.Message);
    }

    [Theory]
    [InlineData(404, CanonicalCode.NotFound, "NOT_FOUND (5)")]
    [InlineData(403, CanonicalCode.PermissionDenied, "PERMISSION_DENIED (7)")]
    [InlineData(401, CanonicalCode.Unauthenticated, "Refresh the access token")]
    [InlineData(400, CanonicalCode.InvalidArgument, "INVALID_ARGUMENT (3)")]
    public async Task Permanent_http_failures_name_their_canonical_code(int status, CanonicalCode code, string expected)
    {
        var rig = new DriveRig();
        rig.Peer.Reply(status, """{"error":{"code":1,"message":"File not found: file-1."}}""");
        var failed = Assert.IsType<DriveOutcome<OperationState>.Failed>(await rig.Client.StartDownloadAsync(new DownloadRequest(DriveRig.Blob, null, null), DriveRig.Token, default));
        Assert.Equal((DriveFailureKind.Rejected, code, status), (failed.Failure.Kind, failed.Failure.Code, failed.Failure.StatusCode));
        Assert.Contains(expected, failed.Failure.Message);
        Assert.Contains("File not found: file-1.", failed.Failure.Message);
    }

    [Theory]
    [InlineData(429, TransientCause.TooManyRequests)]
    [InlineData(503, TransientCause.ServerError)]
    [InlineData(408, TransientCause.RequestTimeout)]
    public async Task Transient_failures_carry_retry_after(int status, TransientCause cause)
    {
        var rig = new DriveRig();
        rig.Peer.Reply(status, null, ("Retry-After", "42"));
        var transient = Assert.IsType<DriveOutcome<OperationState>.Transient>(await rig.Client.GetOperationAsync(new OperationRef("op-1", DriveRig.Blob), DriveRig.Token, default));
        Assert.Equal((cause, TimeSpan.FromSeconds(42)), (transient.Failure.Cause, transient.Failure.RetryAfter));
    }

    [Fact]
    public async Task A_lost_connection_is_transient()
    {
        var rig = new DriveRig();
        rig.Peer.Drop();
        Assert.Equal(TransientCause.ConnectionLost, Assert.IsType<DriveOutcome<DriveFile>.Transient>(await rig.Client.GetFileAsync(DriveRig.Blob, DriveRig.Token, default)).Failure.Cause);
    }

    [Fact]
    public void Tokens_and_resource_keys_do_not_print()
    {
        Assert.DoesNotContain("resKEY", DriveRig.Shared.ToString());
        Assert.DoesNotContain("ya29", DriveRig.Token.ToString());
        Assert.DoesNotContain("id=1", new ContentRequest(new Uri("https://x.test/dl?id=1"), DriveRig.Blob, null).ToString());
        Assert.Throws<ArgumentException>(() => new FileRef("f", "bad/key"));
    }
}
