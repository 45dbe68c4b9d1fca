namespace Engine.Emulator.Uploads;

/// <summary>A snapshot of one upload session for inspection.</summary>
public sealed record UploadSessionInfo(
    string UploadId,
    string? Title,
    long DeclaredLength,
    string ContentType,
    long StoredLength,
    UploadSessionState State,
    DateTimeOffset OpenedAt,
    int Interruptions);
