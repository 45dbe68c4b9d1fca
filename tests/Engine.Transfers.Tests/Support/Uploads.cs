using Engine.Transfers.Uploads;

namespace Engine.Transfers.Tests.Support;

/// <summary>Builds upload requests whose title (the emulator's key for inspection) is the file name.</summary>
internal static class Uploads
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    public static UploadRequest Of(string path, long? chunkSize = null) => new(path)
    {
        MetadataJson = $"{{\"snippet\":{{\"title\":\"{Path.GetFileName(path)}\"}},\"status\":{{\"privacyStatus\":\"private\"}}}}",
        ContentType = "video/mp4",
        ChunkSize = chunkSize,
    };

    /// <summary>Waits for the end of <paramref name="id"/> with a generous limit.</summary>
    public static Task<TransferStatus> FinishAsync(this TransferEngine engine, string id) =>
        engine.WaitForCompletionAsync(id).WaitAsync(Patience);
}
