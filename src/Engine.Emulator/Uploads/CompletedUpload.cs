namespace Engine.Emulator.Uploads;

/// <summary>A finished upload: the video id returned, the stored bytes' size and SHA-256 (lowercase hex), and where they are on disk.</summary>
public sealed record CompletedUpload(
    string UploadId, string VideoId, string? Title, long Size, string Sha256, string StoredPath, DateTimeOffset CompletedAt);
