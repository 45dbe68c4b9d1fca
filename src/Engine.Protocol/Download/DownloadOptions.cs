using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>Settings under <c>engine.download</c> (property names are the HOCON keys in PascalCase).</summary>
public sealed class DownloadOptions
{
    /// <summary><c>endpoint</c>: scheme://host[:port] of the Drive API; the spec's paths are appended.</summary>
    public string Endpoint { get; set; } = "https://www.googleapis.com";

    /// <summary><see cref="Endpoint"/> as a URI (validated by <see cref="Validate"/>).</summary>
    public Uri EndpointUri => ApiEndpoint.Parse(Endpoint, "engine.download.endpoint");

    /// <summary><c>poll.*</c>: the backoff between <c>operations.get</c> calls.</summary>
    public PollOptions Poll { get; set; } = new();

    /// <summary><c>operation-lifetime</c>: after this an operation may be gone; a new <c>download()</c> replaces it.</summary>
    public TimeSpan OperationLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary><c>segments</c>: parallel ranged requests per download when partial downloads are allowed.</summary>
    public int Segments { get; set; } = 4;

    /// <summary><c>segment-size</c>: the largest byte range fetched by one request.</summary>
    public long SegmentSize { get; set; } = 64L * 1024 * 1024;

    /// <summary><c>buffer-size</c>: the one I/O buffer per content request.</summary>
    public int BufferSize { get; set; } = 128 * 1024;

    /// <summary>Throws a clear error naming the first invalid setting.</summary>
    public void Validate()
    {
        _ = EndpointUri; // parsing throws the clear error
        Poll.Validate();
        RetryOptions.Require(OperationLifetime > TimeSpan.Zero, "engine.download.operation-lifetime", OperationLifetime, "must be positive");
        RetryOptions.Require(Segments is >= 1 and <= 64, "engine.download.segments", Segments, "must be between 1 and 64");
        RetryOptions.Require(SegmentSize >= 256 * 1024, "engine.download.segment-size", SegmentSize, "must be at least 256 KiB");
        RetryOptions.Require(BufferSize >= 4096 && BufferSize <= 16 * 1024 * 1024, "engine.download.buffer-size", BufferSize, "must be between 4 KiB and 16 MiB");
    }
}
