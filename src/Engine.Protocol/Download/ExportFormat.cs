namespace Engine.Protocol.Download;

/// <summary>One row of the default export table: a Google Workspace kind and the format it downloads as by default.</summary>
public sealed record ExportFormat(string Document, string WorkspaceMimeType, string Format, string ExportMimeType, string Extension, bool AllowsRevisionId);
