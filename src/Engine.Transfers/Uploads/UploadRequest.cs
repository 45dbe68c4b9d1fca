namespace Engine.Transfers.Uploads;

/// <summary>What <see cref="TransferEngine.StartUploadAsync"/> uploads, and how. Unset options take the engine's settings.</summary>
/// <param name="FilePath">The local file to upload.</param>
public sealed record UploadRequest(string FilePath)
{
    /// <summary>The video resource JSON (snippet, status…); default: <c>{"snippet":{"title":"&lt;file name&gt;"}}</c>.</summary>
    public string? MetadataJson { get; init; }

    /// <summary>The resource parts being set and returned (the <c>part</c> parameter).</summary>
    public string Parts { get; init; } = "snippet,status";

    /// <summary>The media type (<c>X-Upload-Content-Type</c>): <c>video/*</c>, a <c>video/…</c> type or <c>application/octet-stream</c>.</summary>
    public string ContentType { get; init; } = "application/octet-stream";

    /// <summary>Scheme, host and port of the API; default <c>engine.upload.endpoint</c>.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>0 for one request, else a multiple of 256 KiB; default <c>engine.upload.chunk-size</c>.</summary>
    public long? ChunkSize { get; init; }
}
