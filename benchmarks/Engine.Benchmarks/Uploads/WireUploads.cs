using Engine.Benchmarks.Support;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Upload;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// The engine's wire layer alone (<see cref="ResumableUploadClient"/> + <see cref="UploadStepRunner"/>), driven the way
/// the upload actor drives it but with no actor and no journal: separates their cost from the cost on the wire.
/// </summary>
internal sealed class WireUploads
{
    private readonly UploadStepRunner _runner;

    public WireUploads(HttpClient http, Uri endpoint, long chunkSize)
    {
        var upload = new UploadOptions { Endpoint = endpoint.ToString(), ChunkSize = chunkSize };
        var retry = new RetryOptions();
        var client = new ResumableUploadClient(http, upload, retry, TokenScope.From(new HttpOptions(), endpoint), TimeProvider.System);
        _runner = new UploadStepRunner(client, retry, TimeProvider.System, new Random(1));
    }

    /// <summary>Opens a session and advances step by step until the server answers with the created resource.</summary>
    public async Task UploadAsync(string path, CancellationToken cancellationToken = default)
    {
        var size = new FileInfo(path).Length;
        var deadline = DateTimeOffset.UtcNow.AddHours(1);
        var opened = await _runner.OpenSessionAsync(new UploadSessionRequest("{\"snippet\":{\"title\":\"bench\"}}", "snippet,status", size, "video/mp4"),
            BenchToken.Bearer, deadline, null, cancellationToken);
        if (opened is not UploadOutcome.SessionOpened { SessionUri: var session })
            throw new InvalidOperationException($"Opening a wire-level session failed: {opened}");
        var target = new UploadTarget(session, path, size, "video/mp4");
        var acknowledged = 0L;
        while (true)
        {
            var outcome = await _runner.AdvanceAsync(new UploadStep(target, acknowledged, false, deadline), BenchToken.Bearer, new TransferProgress(), null, cancellationToken);
            switch (outcome)
            {
                case UploadOutcome.Completed:
                    return;
                case UploadOutcome.Incomplete { AcknowledgedBytes: var next }:
                    acknowledged = next;
                    break;
                default:
                    throw new InvalidOperationException($"The wire-level upload of '{path}' ended with {outcome}.");
            }
        }
    }
}
