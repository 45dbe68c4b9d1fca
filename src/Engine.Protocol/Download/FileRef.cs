namespace Engine.Protocol.Download;

/// <summary>A Drive file and, for link-shared files, its resource key (sent as <c>X-Goog-Drive-Resource-Keys</c>).</summary>
public sealed record FileRef
{
    public FileRef(string fileId, string? resourceKey = null)
    {
        if (string.IsNullOrWhiteSpace(fileId) || fileId.Any(char.IsControl))
            throw new ArgumentException("The Drive file id is empty or contains control characters; pass the id from the file's link.", nameof(fileId));
        if (resourceKey is not null && (resourceKey.Length == 0 || resourceKey.Any(c => char.IsControl(c) || c is ',' or '/')))
            throw new ArgumentException($"The resource key of file '{fileId}' is empty or contains ',', '/' or control characters; pass it as shown in the file's link.", nameof(resourceKey));
        FileId = fileId;
        ResourceKey = resourceKey;
    }

    public string FileId { get; }

    public string? ResourceKey { get; }

    /// <summary>The header value <c>fileId/resourceKey</c>, or null without a key.</summary>
    public string? ResourceKeyHeader => ResourceKey is null ? null : $"{FileId}/{ResourceKey}";

    public override string ToString() => ResourceKey is null ? FileId : $"{FileId} (resource key redacted)";
}
