namespace Engine.Chaos.Workload;

/// <summary>One upload of the run: the source file (its name is the video title, so the emulator's sessions are found by it), its size (unique in the run, so its session opening is found by <c>X-Upload-Content-Length</c>), the chunk size and the SHA-256 of its bytes.</summary>
public sealed record UploadItem(string Name, string Path, long Size, long ChunkSize, string Sha256);
