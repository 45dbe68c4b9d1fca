using Engine.Emulator.Drive;

namespace Engine.Chaos.Workload;

/// <summary>One download of the run: the Drive file (blob: ranged segments; Docs: one whole export stream), where it goes, and the SHA-256 it must arrive with.</summary>
public sealed record DownloadItem(string FileId, DriveFileKind Kind, long Size, int ContentSeed, string Destination, string Sha256)
{
    /// <summary>The emulator's registration of the file.</summary>
    public DriveFileRegistration Registration =>
        new(FileId, Kind, FileContent.Generated(Size, ContentSeed)) { Id = FileId, MimeType = Kind == DriveFileKind.Blob ? "video/mp4" : null };
}
