using Engine.Protocol.Download;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Support;
using Engine.TestKit;

namespace Engine.Protocol.Tests.Download;

/// <summary>A Drive client wired to a scripted peer and a manual clock.</summary>
public sealed class DriveRig
{
    public static readonly Uri Endpoint = new("https://api.test");
    public static readonly BearerToken Token = new("ya29.drive-secret");
    public static readonly FileRef Blob = new("file-1");
    public static readonly FileRef Shared = new("file-2", "0-resKEY");

    public DriveRig(RetryOptions? retry = null, DownloadOptions? options = null, params string[] allowedHosts)
    {
        Retry = retry ?? new RetryOptions { StallTimeout = TimeSpan.FromHours(1), Jitter = JitterMode.None };
        Options = options ?? new DownloadOptions { Endpoint = Endpoint.AbsoluteUri, BufferSize = 4096 };
        Peer = new ScriptedHandler(Clock);
        Client = new DriveClient(new HttpClient(Peer), Options, Retry, new TokenScope([Endpoint], allowedHosts), Clock);
    }

    public ManualTimeProvider Clock { get; } = new();
    public RetryOptions Retry { get; }
    public DownloadOptions Options { get; }
    public ScriptedHandler Peer { get; }
    public DriveClient Client { get; }

    public DownloadStepRunner Runner(int seed = 5) => new(Client, Options, Retry, Clock, new Random(seed));

    public static string Pending(string name = "op-1") =>
        "{\"name\":\"" + name + "\",\"metadata\":{\"@type\":\"" + OperationState.MetadataType + "\",\"resourceKey\":\"0-resKEY\"}}";

    public static string Ready(string uri = "https://content.test/dl?id=1&sig=abc", bool partial = true, string name = "op-1") =>
        "{\"name\":\"" + name + "\",\"done\":true,\"response\":{\"@type\":\"" + OperationState.ResponseType +
        "\",\"downloadUri\":\"" + uri + "\",\"partialDownloadAllowed\":" + (partial ? "true" : "false") + "}}";

    public static string Error(int code, string message = "boom", string name = "op-1") =>
        "{\"name\":\"" + name + "\",\"done\":true,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}";
}
