namespace Engine.Emulator.Drive;

/// <summary>
/// A file to register with <see cref="DriveFileRegistry.Add"/>. <see cref="Content"/> is the head revision;
/// <see cref="OlderRevisions"/> come before it, oldest first. Ids are generated when not given; Docs, Drawings
/// and Slides get increasing numeric revision ids with gaps, as Drive does.
/// </summary>
public sealed record DriveFileRegistration(string Name, DriveFileKind Kind, FileContent Content)
{
    /// <summary>File id; generated when null. Must be 1..128 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public string? Id { get; init; }

    /// <summary>MIME type of a blob (default <c>application/octet-stream</c>); ignored for Workspace kinds.</summary>
    public string? MimeType { get; init; }

    /// <summary>When set, every call about the file needs <c>X-Goog-Drive-Resource-Keys: FILE_ID/KEY</c>.</summary>
    public string? ResourceKey { get; init; }

    /// <summary>Earlier revisions, oldest first.</summary>
    public IReadOnlyList<FileContent> OlderRevisions { get; init; } = [];

    /// <summary>Explicit revision ids, oldest first, one per revision (older ones and the head); generated when null.</summary>
    public IReadOnlyList<string>? RevisionIds { get; init; }
}
