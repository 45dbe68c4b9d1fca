namespace Engine.Protocol.Download;

/// <summary>
/// Applies spec lro-download §1 and §5 to a file's metadata: picks the default export format for Workspace content
/// when none is given, and refuses a <c>revisionId</c> or <c>mimeType</c> the file kind does not allow.
/// </summary>
public static class DownloadPlanner
{
    /// <summary>The checked request, or <see cref="DownloadRefusedException"/> (INVALID_ARGUMENT) with the reason.</summary>
    public static DownloadRequest Plan(FileRef file, string fileMimeType, string? mimeType, string? revisionId)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(fileMimeType);
        var invalid = CanonicalCodes.Of(CanonicalCode.InvalidArgument);
        if (!ExportFormats.IsWorkspace(fileMimeType))
        {
            if (mimeType is not null && !string.Equals(mimeType, fileMimeType, StringComparison.OrdinalIgnoreCase))
                throw new DownloadRefusedException(CanonicalCode.InvalidArgument, invalid.Describe(
                    $"file '{file}' is a blob file ({fileMimeType}); a mimeType ({mimeType}) only applies to Google Workspace documents. Download it without --mime-type"));
            return new DownloadRequest(file, null, revisionId);
        }
        var format = ExportFormats.DefaultFor(fileMimeType);
        if (revisionId is not null && format is not { AllowsRevisionId: true })
            throw new DownloadRefusedException(CanonicalCode.InvalidArgument, invalid.Describe(
                $"file '{file}' is {format?.Document ?? fileMimeType}; a revisionId is only allowed for blob files, Google Docs and Google Sheets. Download the current version without --revision"));
        var chosen = mimeType ?? format?.ExportMimeType ?? throw new DownloadRefusedException(CanonicalCode.InvalidArgument, invalid.Describe(
            $"file '{file}' is {fileMimeType}, which has no default export format. Name one with --mime-type"));
        return new DownloadRequest(file, chosen, revisionId);
    }
}
