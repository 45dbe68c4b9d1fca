using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Upload;

/// <summary>Settings under <c>engine.upload</c> (property names are the HOCON keys in PascalCase).</summary>
public sealed class UploadOptions
{
    /// <summary><c>endpoint</c>: scheme://host[:port] of the API; the spec's paths are appended.</summary>
    public string Endpoint { get; set; } = "https://www.googleapis.com";

    /// <summary><see cref="Endpoint"/> as a URI (validated by <see cref="Validate"/>).</summary>
    public Uri EndpointUri => ApiEndpoint.Parse(Endpoint, "engine.upload.endpoint");

    /// <summary><c>chunk-size</c>: 0 sends the rest of the file in one request (recommended); otherwise a multiple of 256 KiB.</summary>
    public long ChunkSize { get; set; }

    /// <summary><c>max-session-restarts</c>: how many times an expired session (404) may be replaced by a new one.</summary>
    public int MaxSessionRestarts { get; set; } = 3;

    /// <summary><c>buffer-size</c>: the one I/O buffer per request body.</summary>
    public int BufferSize { get; set; } = 128 * 1024;

    /// <summary>Throws a clear error naming the first invalid setting.</summary>
    public void Validate()
    {
        _ = EndpointUri; // parsing throws the clear error
        UploadChunking.Validate(ChunkSize);
        RetryOptions.Require(MaxSessionRestarts >= 0, "engine.upload.max-session-restarts", MaxSessionRestarts, "must not be negative");
        RetryOptions.Require(BufferSize >= 4096 && BufferSize <= 16 * 1024 * 1024, "engine.upload.buffer-size", BufferSize, "must be between 4 KiB and 16 MiB");
    }
}
