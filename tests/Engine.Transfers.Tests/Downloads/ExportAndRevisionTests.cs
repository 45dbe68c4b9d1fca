using Engine.Emulator.Drive;
using Engine.Protocol.Download;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>Default export formats, the revision rules and revision media (spec lro-download §1, §4, §5).</summary>
public sealed class ExportAndRevisionTests
{
    public static TheoryData<DriveFileKind> WorkspaceKinds => [.. Enum.GetValues<DriveFileKind>().Where(k => k != DriveFileKind.Blob)];

    [Theory]
    [MemberData(nameof(WorkspaceKinds))]
    public async Task A_workspace_document_is_exported_in_its_kinds_default_format(DriveFileKind kind)
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.Emulator.Files.Add(new DriveFileRegistration(kind + " doc", kind, FileContent.Generated(200 * 1024 + 7, (int)kind)) { Id = "doc" + kind });
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var operation = Assert.Single(rig.Emulator.Inspector.Operations);
        Assert.Equal(ExportFormats.DefaultFor(file.MimeType)!.ExportMimeType, operation.ContentType);
        // Export content has no range support: one whole stream.
        Assert.Equal(200, Assert.Single(operation.RangesServed).Status);
    }

    [Fact]
    public async Task A_revision_of_a_kind_without_revisions_is_refused_before_any_download_call()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.Emulator.Files.Add(new DriveFileRegistration("deck", DriveFileKind.Slides, FileContent.Generated(1000, 1))
        {
            Id = "slidesdeck",
            OlderRevisions = [FileContent.Generated(900, 2)],
        });
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id) with { RevisionId = file.Revisions[0].Id }));

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains("INVALID_ARGUMENT (3)", status.LastError);
        Assert.Contains("revisionId is only allowed for blob files, Google Docs and Google Sheets", status.LastError);
        Assert.Equal(0, rig.Emulator.Inspector.DownloadCalls(file.Id));
    }

    [Fact]
    public async Task An_export_format_for_a_blob_is_refused_before_any_download_call()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("blobnoexport", 1000);
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id) with { MimeType = "application/pdf" }));

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains("INVALID_ARGUMENT (3)", status.LastError);
        Assert.Equal(0, rig.Emulator.Inspector.DownloadCalls(file.Id));
    }

    [Theory]
    [InlineData(DriveFileKind.Blob)]
    [InlineData(DriveFileKind.Docs)]
    [InlineData(DriveFileKind.Sheets)]
    public async Task An_older_revision_is_downloaded_by_id_through_an_operation(DriveFileKind kind)
    {
        await using var rig = await EngineRig.StartAsync();
        var old = FileContent.Generated(2 * DriveBed.MiB + 5, 11);
        var file = rig.Emulator.Files.Add(new DriveFileRegistration("revised", kind, FileContent.Generated(2 * DriveBed.MiB + 9, 12))
        {
            Id = "revised" + kind,
            OlderRevisions = [old],
        });
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id) with { RevisionId = file.Revisions[0].Id }));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), old, status);
        Assert.Equal(file.Revisions[0].Id, Assert.Single(rig.Emulator.Inspector.Operations).RevisionId);
    }

    [Fact]
    public async Task A_blob_revision_is_fetched_as_media_without_any_operation()
    {
        await using var rig = await EngineRig.StartAsync();
        var old = FileContent.Generated(3 * DriveBed.MiB + 1, 21);
        var file = rig.Emulator.Files.Add(new DriveFileRegistration("media", DriveFileKind.Blob, FileContent.Generated(100, 22))
        {
            Id = "mediablob",
            OlderRevisions = [old],
        });
        var engine = await rig.StartDownloadEngineAsync();

        var request = rig.RequestFor(file.Id) with { RevisionId = file.Revisions[0].Id, RevisionMedia = true };
        var status = await engine.FinishAsync(await engine.StartDownloadAsync(request));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), old, status);
        Assert.Equal(0, rig.Emulator.Inspector.DownloadCalls(file.Id));
        var media = rig.Emulator.Inspector.Requests.Where(r => r.Path.Contains("/revisions/" + file.Revisions[0].Id + "?alt=media", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(media);
        Assert.All(media, r => Assert.Equal(206, r.Status));
    }

    [Fact]
    public async Task A_workspace_revision_fetched_as_media_fails_as_not_downloadable()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.Emulator.Files.Add(new DriveFileRegistration("doc", DriveFileKind.Docs, FileContent.Generated(1000, 31))
        {
            Id = "docmedia",
            OlderRevisions = [FileContent.Generated(900, 32)],
        });
        var engine = await rig.StartDownloadEngineAsync();

        var request = rig.RequestFor(file.Id) with { RevisionId = file.Revisions[0].Id, RevisionMedia = true };
        var status = await engine.FinishAsync(await engine.StartDownloadAsync(request));

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains("fileNotDownloadable", status.LastError);
        Assert.Contains("download the document with files.download", status.LastError);
        Assert.False(File.Exists(rig.DestinationFor(file.Id)));
    }

    [Fact]
    public async Task A_link_shared_file_sends_its_resource_key_on_every_call()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("keyedblob", 2 * DriveBed.MiB + 3, resourceKey: "0-key_abc");
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id) with { ResourceKey = "0-key_abc" }));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var calls = rig.Emulator.Inspector.Requests.Where(r => r.Target is "download" or "poll" or "content" or "metadata").ToList();
        Assert.Contains(calls, r => r.Target == "download");
        Assert.Contains(calls, r => r.Target == "poll");
        Assert.Contains(calls, r => r.Target == "content");
        Assert.All(calls, r => Assert.Equal("keyedblob/0-key_abc", r.Headers["X-Goog-Drive-Resource-Keys"]));
    }

    [Fact]
    public async Task A_link_shared_file_without_its_resource_key_is_not_found()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("keyedhidden", 1000, resourceKey: "0-secret");
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains("NOT_FOUND (5)", status.LastError);
        Assert.Equal(0, rig.Emulator.Inspector.DownloadCalls(file.Id));
    }
}
