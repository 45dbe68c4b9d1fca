namespace Engine.Protocol.Upload;

/// <summary>Chunk rules of spec resumable-upload §5: 0 = one request; otherwise equal multiples of 256 KiB but the last.</summary>
public static class UploadChunking
{
    /// <summary>The chunk granularity the server requires: 256 KiB.</summary>
    public const long Granularity = 256 * 1024;

    /// <summary>Throws a clear error unless <paramref name="chunkSize"/> is 0 or a positive multiple of 256 KiB.</summary>
    public static void Validate(long chunkSize)
    {
        if (chunkSize == 0) return;
        if (chunkSize < 0 || chunkSize % Granularity != 0)
            throw new ArgumentException($"Setting engine.upload.chunk-size = {chunkSize} is invalid: a chunk must be a multiple of 256 KiB (262144 bytes), e.g. {Math.Max(1, chunkSize / Granularity) * Granularity}, or 0 to send the file in one request (recommended).");
    }

    /// <summary>
    /// Length of the next request body starting at <paramref name="offset"/>: the rest of the file in one-request mode,
    /// else one chunk (shorter only at the end). After a server stored part of a chunk, the next chunk starts there.
    /// </summary>
    public static long NextLength(long offset, long total, long chunkSize)
    {
        Validate(chunkSize);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, total);
        var remaining = total - offset;
        return chunkSize == 0 ? remaining : Math.Min(chunkSize, remaining);
    }
}
