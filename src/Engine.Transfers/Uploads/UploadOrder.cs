using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engine.Protocol.Upload;
using Engine.Transfers.Sources;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>A validated <see cref="UploadRequest"/> with the engine's defaults filled in and the source fingerprinted.</summary>
internal sealed record UploadOrder(
    string SourcePath, long Size, SourceFingerprint Fingerprint, string MetadataJson, string Parts, string ContentType, Uri Endpoint, long ChunkSize)
    : ITransferOrder<UploadRequested>
{
    /// <summary>Checks <paramref name="request"/> and reads the file's fingerprint (file I/O: call it off an actor's turn).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ArgumentException">A setting of the request is invalid; the message names it and what to do.</exception>
    public static UploadOrder Prepare(UploadRequest request, UploadOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.FilePath))
            throw new ArgumentException("The upload names no file; pass the path of the file to upload.", nameof(request));
        var path = Path.GetFullPath(request.FilePath);
        if (Directory.Exists(path))
            throw new ArgumentException($"'{path}' is a directory, not a file; pass the path of a file to upload.", nameof(request));
        if (!File.Exists(path))
            throw new FileNotFoundException($"Cannot upload '{path}': the file does not exist. Check the path.", path);
        var chunkSize = request.ChunkSize ?? defaults.ChunkSize;
        try
        {
            UploadChunking.Validate(chunkSize);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Cannot upload '{path}': {e.Message}", nameof(request), e);
        }
        var endpoint = request.Endpoint ?? defaults.EndpointUri;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"Cannot upload '{path}': the endpoint '{endpoint}' is not an absolute http(s) URI such as https://www.googleapis.com.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.ContentType) || !MediaTypeHeaderValue.TryParse(request.ContentType, out _))
            throw new ArgumentException($"Cannot upload '{path}': the content type '{request.ContentType}' is not a media type; use video/*, a video/… type or application/octet-stream.", nameof(request));
        if (string.IsNullOrWhiteSpace(request.Parts))
            throw new ArgumentException($"Cannot upload '{path}': the part list is empty; name the resource parts being set, e.g. snippet,status.", nameof(request));
        var metadata = request.MetadataJson ?? DefaultMetadata(path);
        RequireJsonObject(metadata, path);
        var fingerprint = SourceFingerprint.Compute(path);
        return new UploadOrder(path, fingerprint.Size, fingerprint, metadata, request.Parts, request.ContentType, endpoint, chunkSize);
    }

    /// <inheritdoc/>
    public UploadRequested ToEvent(string transferId, DateTimeOffset now) =>
        new(transferId, SourcePath, Size, Fingerprint, MetadataJson, Parts, ContentType, Endpoint.AbsoluteUri, ChunkSize, now);

    private static string DefaultMetadata(string path) =>
        new JsonObject { ["snippet"] = new JsonObject { ["title"] = Path.GetFileName(path) } }.ToJsonString();

    private static void RequireJsonObject(string metadata, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(metadata);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return;
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Cannot upload '{path}': its metadata is not valid JSON ({e.Message}); fix the metadata file.", "request", e);
        }
        throw new ArgumentException($"Cannot upload '{path}': its metadata must be a JSON object such as {{\"snippet\":{{\"title\":\"…\"}}}}.", "request");
    }
}
