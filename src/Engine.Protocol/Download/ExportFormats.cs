namespace Engine.Protocol.Download;

/// <summary>
/// The default export MIME table of spec lro-download §5 as data, and the rules of §1 on <c>mimeType</c> and
/// <c>revisionId</c> per file kind.
/// </summary>
public static class ExportFormats
{
    /// <summary>Prefix of every Google Workspace (non-blob) MIME type.</summary>
    public const string WorkspacePrefix = "application/vnd.google-apps.";

    /// <summary>The nine Workspace kinds with a default export format.</summary>
    public static IReadOnlyList<ExportFormat> Defaults { get; } =
    [
        new("Apps Script", "application/vnd.google-apps.script", "JSON", "application/vnd.google-apps.script+json", ".json", false),
        new("Docs", "application/vnd.google-apps.document", "Word", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", true),
        new("Drawings", "application/vnd.google-apps.drawing", "PNG", "image/png", ".png", false),
        new("Forms", "application/vnd.google-apps.form", "ZIP", "application/zip", ".zip", false),
        new("Sheets", "application/vnd.google-apps.spreadsheet", "Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", true),
        new("Sites", "application/vnd.google-apps.site", "raw text", "text/raw", ".txt", false),
        new("Slides", "application/vnd.google-apps.presentation", "PowerPoint", "application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx", false),
        new("Vids", "application/vnd.google-apps.vid", "MP4", "application/mp4", ".mp4", false),
        new("Jamboard", "application/vnd.google-apps.jam", "PDF", "application/pdf", ".pdf", false),
    ];

    /// <summary>True for Google Workspace content (exported), false for blob files (downloaded as stored).</summary>
    public static bool IsWorkspace(string fileMimeType) => fileMimeType.StartsWith(WorkspacePrefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>The default export row for a Workspace MIME type, or null.</summary>
    public static ExportFormat? DefaultFor(string fileMimeType) =>
        Defaults.FirstOrDefault(f => string.Equals(f.WorkspaceMimeType, fileMimeType, StringComparison.OrdinalIgnoreCase));
}
