using Engine.Protocol.Download;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>A validated <see cref="DownloadRequest"/> with the engine's defaults filled in.</summary>
internal sealed record DownloadOrder(FileRef File, string? MimeType, string? RevisionId, bool RevisionMedia, string DestinationPath, Uri Endpoint)
    : ITransferOrder<DownloadRequested>
{
    /// <summary>Checks <paramref name="request"/> (file id, resource key, destination, endpoint).</summary>
    /// <exception cref="ArgumentException">A setting of the request is invalid; the message names it and what to do.</exception>
    public static DownloadOrder Prepare(DownloadRequest request, DownloadOptions defaults)
    {
        ArgumentNullException.ThrowIfNull(request);
        var file = new FileRef(request.FileId, request.ResourceKey);
        if (string.IsNullOrWhiteSpace(request.DestinationPath))
            throw new ArgumentException($"The download of file '{file}' names no destination; pass the path of the file to create.", nameof(request));
        var destination = Path.GetFullPath(request.DestinationPath);
        if (Directory.Exists(destination))
            throw new ArgumentException($"Cannot download file '{file}' to '{destination}': it is a directory; pass the path of the file to create in it.", nameof(request));
        if (System.IO.File.Exists(destination))
            throw new ArgumentException($"Cannot download file '{file}' to '{destination}': the file already exists. Remove it or choose another path.", nameof(request));
        if (!Directory.Exists(Path.GetDirectoryName(destination)))
            throw new ArgumentException($"Cannot download file '{file}' to '{destination}': its folder does not exist. Create it first.", nameof(request));
        if (request.RevisionMedia && string.IsNullOrWhiteSpace(request.RevisionId))
            throw new ArgumentException($"Cannot download file '{file}': fetching revision media needs a revision id; name one, or download the current version.", nameof(request));
        if (request.MimeType is { } mime && string.IsNullOrWhiteSpace(mime))
            throw new ArgumentException($"Cannot download file '{file}': the export MIME type is blank; name one (e.g. application/pdf) or leave it out for the default.", nameof(request));
        var endpoint = request.Endpoint ?? defaults.EndpointUri;
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp))
            throw new ArgumentException($"Cannot download file '{file}': the endpoint '{endpoint}' is not an absolute http(s) URI such as https://www.googleapis.com.", nameof(request));
        return new DownloadOrder(file, request.MimeType, request.RevisionId, request.RevisionMedia, destination, endpoint);
    }

    /// <inheritdoc/>
    public DownloadRequested ToEvent(string transferId, DateTimeOffset now) =>
        new(transferId, File.FileId, MimeType, RevisionId, RevisionMedia, File.ResourceKey, DestinationPath, Endpoint.AbsoluteUri, now);
}
