namespace Engine.Emulator.Drive;

/// <summary>
/// What each file kind allows, as data: its Drive MIME type, default export MIME type (spec §5), the export
/// formats it accepts, whether <c>revisionId</c> is allowed (blobs, Docs, Sheets: spec §1) and whether its
/// download link answers first with a redirect (Docs, Sheets).
/// </summary>
internal sealed record WorkspaceKind(
    DriveFileKind Kind, string DriveMimeType, string? DefaultExport, IReadOnlyList<string> Exports,
    bool RevisionIdAllowed, bool RedirectsFirst)
{
    private const string Pdf = "application/pdf";

    private static readonly Dictionary<DriveFileKind, WorkspaceKind> Table = new WorkspaceKind[]
    {
        new(DriveFileKind.Blob, "", null, [], true, false),
        new(DriveFileKind.Docs, "application/vnd.google-apps.document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            [Pdf, "text/plain", "application/rtf", "application/vnd.oasis.opendocument.text", "application/zip", "application/epub+zip", "text/markdown"],
            true, true),
        new(DriveFileKind.Sheets, "application/vnd.google-apps.spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            [Pdf, "text/csv", "text/tab-separated-values", "application/vnd.oasis.opendocument.spreadsheet", "application/zip"],
            true, true),
        new(DriveFileKind.Slides, "application/vnd.google-apps.presentation",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            [Pdf, "text/plain", "application/vnd.oasis.opendocument.presentation"], false, false),
        new(DriveFileKind.Drawings, "application/vnd.google-apps.drawing", "image/png", [Pdf, "image/jpeg", "image/svg+xml"], false, false),
        new(DriveFileKind.Forms, "application/vnd.google-apps.form", "application/zip", [], false, false),
        new(DriveFileKind.Sites, "application/vnd.google-apps.site", "text/raw", [], false, false),
        new(DriveFileKind.AppsScript, "application/vnd.google-apps.script", "application/vnd.google-apps.script+json", [], false, false),
        new(DriveFileKind.Vids, "application/vnd.google-apps.vid", "application/mp4", [], false, false),
        new(DriveFileKind.Jamboard, "application/vnd.google-apps.jam", Pdf, [], false, false),
    }.ToDictionary(k => k.Kind);

    public static WorkspaceKind Of(DriveFileKind kind) => Table[kind];

    public bool IsBlob => Kind == DriveFileKind.Blob;

    /// <summary>Whether <paramref name="mimeType"/> is an export format of this kind (the default included).</summary>
    public bool CanExportAs(string mimeType) => mimeType == DefaultExport || Exports.Contains(mimeType);
}
