namespace Engine.Emulator.Drive;

/// <summary>A registered Drive file: its kind, revisions (the last is the head) and optional resource key.</summary>
public sealed record DriveFile(
    string Id, string Name, DriveFileKind Kind, string MimeType, string? ResourceKey, IReadOnlyList<DriveRevision> Revisions)
{
    /// <summary>The current revision.</summary>
    public DriveRevision Head => Revisions[^1];

    /// <summary>The revision with id <paramref name="revisionId"/>, or null.</summary>
    public DriveRevision? Revision(string revisionId) => Revisions.FirstOrDefault(r => r.Id == revisionId);
}

/// <summary>One revision of a file.</summary>
public sealed record DriveRevision(string Id, FileContent Content, DateTimeOffset ModifiedTime);
