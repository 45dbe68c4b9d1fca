using System.Net;
using System.Text.Json;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Drive;

public sealed class ExportAndRevisionTests
{
    private static readonly FileContent Document = FileContent.Generated(300_000, seed: 9);

    [Theory]
    [InlineData(DriveFileKind.AppsScript, "application/vnd.google-apps.script+json")]
    [InlineData(DriveFileKind.Docs, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData(DriveFileKind.Drawings, "image/png")]
    [InlineData(DriveFileKind.Forms, "application/zip")]
    [InlineData(DriveFileKind.Sheets, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData(DriveFileKind.Sites, "text/raw")]
    [InlineData(DriveFileKind.Slides, "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData(DriveFileKind.Vids, "application/mp4")]
    [InlineData(DriveFileKind.Jamboard, "application/pdf")]
    public async Task Workspace_content_is_exported_in_its_default_format_whole_and_never_by_range(DriveFileKind kind, string exportType)
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("doc", kind, Document));
        using var client = new DriveClient(server.BaseAddress);

        var done = await client.RunAsync(file.Id);
        Assert.False(done.GetProperty("response").GetProperty("partialDownloadAllowed").GetBoolean());
        using var first = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done), range: "bytes=0-99");

        var redirects = kind is DriveFileKind.Docs or DriveFileKind.Sheets;
        Assert.Equal(redirects ? HttpStatusCode.Found : HttpStatusCode.OK, first.StatusCode);
        var content = first;
        if (redirects)
        {
            // The redirect target is a signed URL: it is served without any token.
            content = await client.SendAsync(HttpMethod.Get, first.Headers.Location!, range: "bytes=0-99", tokenOverride: "");
            Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        }

        Assert.Equal(exportType, content.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Document.ComputeSha256(), TestBytes.Sha256(await content.Content.ReadAsByteArrayAsync()));
        Assert.Equal(exportType, server.Inspector.Operations.Single().ContentType);
        content.Dispose();
    }

    [Fact]
    public async Task A_forged_export_signature_is_NOT_FOUND()
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("doc", DriveFileKind.Docs, Document));
        using var client = new DriveClient(server.BaseAddress);
        var done = await client.RunAsync(file.Id);
        using var redirect = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done));
        var forged = new Uri(redirect.Headers.Location!.GetLeftPart(UriPartial.Path) + "?sig=guess");

        using var response = await client.SendAsync(HttpMethod.Get, forged);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(DriveFileKind.Docs, "text/plain", 200)]
    [InlineData(DriveFileKind.Sheets, "text/csv", 200)]
    [InlineData(DriveFileKind.Docs, "image/png", 400)]
    [InlineData(DriveFileKind.Vids, "application/pdf", 400)]
    [InlineData(DriveFileKind.Blob, "video/mp4", 200)]
    [InlineData(DriveFileKind.Blob, "application/pdf", 400)]
    public async Task The_mimeType_parameter_is_checked_against_the_file_kind(DriveFileKind kind, string mimeType, int status)
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("f", kind, Document) { MimeType = "video/mp4" });
        using var client = new DriveClient(server.BaseAddress);

        using var response = await client.SendAsync(HttpMethod.Post, $"drive/v3/files/{file.Id}/download?mimeType={Uri.EscapeDataString(mimeType)}");

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            var message = await response.Content.ReadAsStringAsync();
            Assert.Contains("INVALID_ARGUMENT", message, StringComparison.Ordinal);
            Assert.Contains(mimeType, message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal(mimeType, server.Inspector.Operations.Single().ContentType);
        }
    }

    [Theory]
    [InlineData(DriveFileKind.Blob, true)]
    [InlineData(DriveFileKind.Docs, true)]
    [InlineData(DriveFileKind.Sheets, true)]
    [InlineData(DriveFileKind.Slides, false)]
    [InlineData(DriveFileKind.Vids, false)]
    [InlineData(DriveFileKind.Drawings, false)]
    public async Task RevisionId_is_allowed_only_for_blobs_Docs_and_Sheets(DriveFileKind kind, bool allowed)
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var older = FileContent.FromBytes(TestBytes.Media(5000, seed: 1));
        var file = server.Files.Add(new DriveFileRegistration("f", kind, Document) { OlderRevisions = [older] });
        using var client = new DriveClient(server.BaseAddress);
        var revisionId = file.Revisions[0].Id;

        using var response = await client.SendAsync(HttpMethod.Post, $"drive/v3/files/{file.Id}/download?revisionId={revisionId}");

        if (!allowed)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = await response.Content.ReadAsStringAsync();
            Assert.Contains("INVALID_ARGUMENT: revisionId is only for blob files, Google Docs and Google Sheets", message, StringComparison.Ordinal);
            Assert.Empty(server.Inspector.Operations);
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("name").GetString()!;
        var done = await client.PollUntilDoneAsync(name);
        var uri = DriveClient.DownloadUri(done);
        using var first = await client.SendAsync(HttpMethod.Get, uri);
        using var content = first.StatusCode == HttpStatusCode.Found ? await client.SendAsync(HttpMethod.Get, first.Headers.Location!) : first;
        Assert.Equal(older.ComputeSha256(), TestBytes.Sha256(await content.Content.ReadAsByteArrayAsync()));
    }

    [Fact]
    public async Task An_unknown_revision_is_NOT_FOUND()
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("f", DriveFileKind.Blob, Document));
        using var client = new DriveClient(server.BaseAddress);

        using var download = await client.SendAsync(HttpMethod.Post, $"drive/v3/files/{file.Id}/download?revisionId=nope");
        using var media = await client.SendAsync(HttpMethod.Get, $"drive/v3/files/{file.Id}/revisions/nope?alt=media");

        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, media.StatusCode);
    }

    [Fact]
    public async Task Files_get_gives_the_head_revision_and_revisions_list_every_revision()
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("notes", DriveFileKind.Docs, Document)
        {
            OlderRevisions = [FileContent.FromBytes([1]), FileContent.FromBytes([2])],
        });
        var blob = server.Files.Add(new DriveFileRegistration("clip", DriveFileKind.Blob, Document) { MimeType = "video/mp4" });
        using var client = new DriveClient(server.BaseAddress);

        using var get = await client.SendAsync(HttpMethod.Get, $"drive/v3/files/{file.Id}");
        using var list = await client.SendAsync(HttpMethod.Get, $"drive/v3/files/{file.Id}/revisions");
        using var blobGet = await client.SendAsync(HttpMethod.Get, $"drive/v3/files/{blob.Id}");

        var metadata = JsonDocument.Parse(await get.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("application/vnd.google-apps.document", metadata.GetProperty("mimeType").GetString());
        Assert.Equal(file.Head.Id, metadata.GetProperty("headRevisionId").GetString());
        var ids = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("revisions")
            .EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(new[] { "1", "4", "7" }, ids);
        var blobMetadata = JsonDocument.Parse(await blobGet.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(Document.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), blobMetadata.GetProperty("size").GetString());
        Assert.Equal("video/mp4", blobMetadata.GetProperty("mimeType").GetString());
    }

    [Fact]
    public async Task A_blob_revision_is_served_with_alt_media_including_ranges()
    {
        await using var server = await EmulatorServer.StartAsync();
        var old = TestBytes.Media(10_000, seed: 3);
        var file = server.Files.Add(new DriveFileRegistration("clip", DriveFileKind.Blob, Document) { OlderRevisions = [FileContent.FromBytes(old)] });
        using var client = new DriveClient(server.BaseAddress);
        var path = $"drive/v3/files/{file.Id}/revisions/{file.Revisions[0].Id}";

        using var whole = await client.SendAsync(HttpMethod.Get, path + "?alt=media");
        using var part = await client.SendAsync(HttpMethod.Get, path + "?alt=media", range: "bytes=100-199");
        using var described = await client.SendAsync(HttpMethod.Get, path);

        Assert.Equal(old, await whole.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.PartialContent, part.StatusCode);
        Assert.Equal(old[100..200], await part.Content.ReadAsByteArrayAsync());
        Assert.Equal("drive#revision", JsonDocument.Parse(await described.Content.ReadAsStringAsync()).RootElement.GetProperty("kind").GetString());
    }

    [Theory]
    [InlineData(DriveFileKind.Docs)]
    [InlineData(DriveFileKind.Sheets)]
    [InlineData(DriveFileKind.Slides)]
    [InlineData(DriveFileKind.Vids)]
    public async Task Workspace_revisions_are_fileNotDownloadable_with_alt_media(DriveFileKind kind)
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("w", kind, Document));
        using var client = new DriveClient(server.BaseAddress);

        using var response = await client.SendAsync(HttpMethod.Get, $"drive/v3/files/{file.Id}/revisions/{file.Head.Id}?alt=media");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("fileNotDownloadable", error.GetProperty("errors")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_resource_key_is_needed_on_download_poll_content_and_metadata()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var file = server.Files.Add(new DriveFileRegistration("shared", DriveFileKind.Blob, Document) { ResourceKey = "0-key_AbC" });
        using var client = new DriveClient(server.BaseAddress);
        var key = $"{file.Id}/0-key_AbC";

        using var noKey = await client.SendAsync(HttpMethod.Post, $"drive/v3/files/{file.Id}/download");
        using var wrongKey = await client.SendAsync(HttpMethod.Post, $"drive/v3/files/{file.Id}/download", resourceKey: $"{file.Id}/other");
        using var metadata = await client.SendAsync(HttpMethod.Get, $"drive/v3/files/{file.Id}");
        Assert.Equal(HttpStatusCode.NotFound, noKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, metadata.StatusCode);

        var started = await client.StartAsync(file.Id, resourceKey: $"otherfile/x, {key}");
        Assert.Equal("0-key_AbC", started.GetProperty("metadata").GetProperty("resourceKey").GetString());
        var name = started.GetProperty("name").GetString()!;
        using var pollWithout = await client.SendAsync(HttpMethod.Get, $"drive/v3/operations/{name}");
        Assert.Equal(HttpStatusCode.NotFound, pollWithout.StatusCode);
        var done = await client.PollUntilDoneAsync(name, key);
        using var contentWithout = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done));
        using var content = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done), resourceKey: key);

        Assert.Equal(HttpStatusCode.NotFound, contentWithout.StatusCode);
        Assert.Equal(Document.ComputeSha256(), TestBytes.Sha256(await content.Content.ReadAsByteArrayAsync()));
    }
}
