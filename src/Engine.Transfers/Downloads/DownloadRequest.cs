namespace Engine.Transfers.Downloads;

/// <summary>What <see cref="TransferEngine.StartDownloadAsync"/> downloads, and where. Unset options take the engine's settings.</summary>
/// <param name="FileId">The Drive file id.</param>
/// <param name="DestinationPath">The local file to create; it must not exist yet, and its folder must. It appears only once complete.</param>
public sealed record DownloadRequest(string FileId, string DestinationPath)
{
    /// <summary>The export format of a Google Workspace document; default: its kind's default (spec §5). Blob files take none.</summary>
    public string? MimeType { get; init; }

    /// <summary>A revision id (blob files, Docs and Sheets only); default: the current revision.</summary>
    public string? RevisionId { get; init; }

    /// <summary>
    /// Fetch revision <see cref="RevisionId"/>'s bytes directly (<c>revisions.get … ?alt=media</c>) instead of through a
    /// download operation. Only blob revisions can be fetched so; Workspace ones fail with <c>fileNotDownloadable</c>.
    /// </summary>
    public bool RevisionMedia { get; init; }

    /// <summary>The resource key of a link-shared file, sent with every call about it.</summary>
    public string? ResourceKey { get; init; }

    /// <summary>Scheme, host and port of the Drive API; default <c>engine.download.endpoint</c>.</summary>
    public Uri? Endpoint { get; init; }
}
