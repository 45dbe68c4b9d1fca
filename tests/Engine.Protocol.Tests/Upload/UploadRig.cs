using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Support;
using Engine.Protocol.Upload;
using Engine.TestKit;

namespace Engine.Protocol.Tests.Upload;

/// <summary>An upload client wired to a scripted peer, a manual clock and a small temp file.</summary>
public sealed class UploadRig : IDisposable
{
    public static readonly Uri Endpoint = new("https://api.test");
    public static readonly Uri SessionUri = new("https://api.test/upload/youtube/v3/videos?uploadType=resumable&upload_id=xa298sd_f");
    public static readonly BearerToken Token = new("ya29.secret-token");

    public UploadRig(long fileSize = 1000, long chunkSize = 0, RetryOptions? retry = null, Uri? sessionUri = null, params string[] allowedHosts)
    {
        File = new TempFile(fileSize);
        Upload = new UploadOptions { Endpoint = Endpoint.AbsoluteUri, ChunkSize = chunkSize, BufferSize = 4096 };
        Retry = retry ?? new RetryOptions { StallTimeout = TimeSpan.FromHours(1) };
        Peer = new ScriptedHandler(Clock);
        Client = new ResumableUploadClient(new HttpClient(Peer), Upload, Retry, new TokenScope([Endpoint], allowedHosts), Clock);
        Target = new UploadTarget(sessionUri ?? SessionUri, File.Path, fileSize, "video/mp4");
    }

    public ManualTimeProvider Clock { get; } = new();
    public TempFile File { get; }
    public UploadOptions Upload { get; }
    public RetryOptions Retry { get; }
    public ScriptedHandler Peer { get; }
    public ResumableUploadClient Client { get; }
    public UploadTarget Target { get; }
    public TransferProgress Progress { get; } = new();

    public UploadStepRunner Runner(int seed = 42) => new(Client, Retry, Clock, new Random(seed));

    public static (string, string) Range(long last) => ("Range", $"bytes=0-{last}");

    public void Dispose() => File.Dispose();
}
