namespace Engine.Protocol.Download;

/// <summary>The parameters of one <c>files.download</c> call (spec lro-download §1), already checked by <see cref="DownloadPlanner"/>.</summary>
public sealed record DownloadRequest(FileRef File, string? MimeType, string? RevisionId);
