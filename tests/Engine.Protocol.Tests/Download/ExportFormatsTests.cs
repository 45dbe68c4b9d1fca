using Engine.Protocol.Download;

namespace Engine.Protocol.Tests.Download;

public sealed class ExportFormatsTests
{
    [Theory]
    [InlineData("application/vnd.google-apps.script", "application/vnd.google-apps.script+json", ".json")]
    [InlineData("application/vnd.google-apps.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx")]
    [InlineData("application/vnd.google-apps.drawing", "image/png", ".png")]
    [InlineData("application/vnd.google-apps.form", "application/zip", ".zip")]
    [InlineData("application/vnd.google-apps.spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx")]
    [InlineData("application/vnd.google-apps.site", "text/raw", ".txt")]
    [InlineData("application/vnd.google-apps.presentation", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx")]
    [InlineData("application/vnd.google-apps.vid", "application/mp4", ".mp4")]
    [InlineData("application/vnd.google-apps.jam", "application/pdf", ".pdf")]
    public void Each_workspace_kind_gets_its_default_export(string kind, string exportMime, string extension)
    {
        var format = ExportFormats.DefaultFor(kind)!;
        Assert.Equal((exportMime, extension), (format.ExportMimeType, format.Extension));
        Assert.Equal(new DownloadRequest(DriveRig.Blob, exportMime, null), DownloadPlanner.Plan(DriveRig.Blob, kind, null, null));
    }

    [Fact]
    public void The_table_has_nine_kinds() => Assert.Equal(9, ExportFormats.Defaults.Count);

    [Theory]
    [InlineData("video/mp4", "7")]                                  // blob
    [InlineData("application/vnd.google-apps.document", "12")]      // Docs
    [InlineData("application/vnd.google-apps.spreadsheet", "3")]    // Sheets
    public void Revisions_are_allowed_for_blobs_docs_and_sheets(string kind, string revision) =>
        Assert.Equal(revision, DownloadPlanner.Plan(DriveRig.Blob, kind, null, revision).RevisionId);

    [Theory]
    [InlineData("application/vnd.google-apps.presentation", "Slides")]
    [InlineData("application/vnd.google-apps.vid", "Vids")]
    [InlineData("application/vnd.google-apps.drawing", "Drawings")]
    [InlineData("application/vnd.google-apps.form", "Forms")]
    public void A_revision_of_another_kind_is_refused_before_any_call(string kind, string document)
    {
        var refused = Assert.Throws<DownloadRefusedException>(() => DownloadPlanner.Plan(DriveRig.Blob, kind, null, "5"));
        Assert.Equal(CanonicalCode.InvalidArgument, refused.Code);
        Assert.StartsWith("INVALID_ARGUMENT (3):", refused.Message);
        Assert.Contains(document, refused.Message);
        Assert.Contains("only allowed for blob files, Google Docs and Google Sheets", refused.Message);
    }

    [Fact]
    public void A_blob_is_downloaded_as_stored_and_refuses_an_export_format()
    {
        Assert.Null(DownloadPlanner.Plan(DriveRig.Blob, "video/mp4", null, null).MimeType);
        Assert.Contains("blob file", Assert.Throws<DownloadRefusedException>(() => DownloadPlanner.Plan(DriveRig.Blob, "video/mp4", "application/pdf", null)).Message);
    }

    [Fact]
    public void An_explicit_export_format_wins_and_an_unknown_kind_needs_one()
    {
        Assert.Equal("application/pdf", DownloadPlanner.Plan(DriveRig.Blob, "application/vnd.google-apps.document", "application/pdf", null).MimeType);
        Assert.Contains("--mime-type", Assert.Throws<DownloadRefusedException>(() => DownloadPlanner.Plan(DriveRig.Blob, "application/vnd.google-apps.folder", null, null)).Message);
    }
}
