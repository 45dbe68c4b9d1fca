using System.Collections.Concurrent;
using Engine.Protocol.Http;
using Engine.Protocol.Upload;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Supervision;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Uploads;

/// <summary>
/// What every upload actor of one engine shares: the step runners over the one tuned <see cref="HttpClient"/>, the
/// token source, the clock, the limits and the metrics. Stateless apart from a cache of runners, one per (endpoint, chunk size)
/// because the wire client is configured with both.
/// </summary>
internal sealed class UploadRuntime(HttpClient http, TransferEngineOptions options, IAccessTokenSource tokens, TimeProvider time, Random random,
    TransferMetrics metrics) : ITransferRuntime
{
    private readonly ConcurrentDictionary<(string Endpoint, long ChunkSize), UploadStepRunner> _runners = new();

    public IAccessTokenSource Tokens => tokens;

    public TimeProvider Time => time;

    /// <summary>The engine's instruments.</summary>
    public TransferMetrics Metrics => metrics;

    /// <summary><c>engine.retry.deadline</c>: how long after its request an upload may still be retried.</summary>
    public TimeSpan Deadline => options.Retry.Deadline;

    /// <summary>The I/O buffer bytes one running upload holds at most.</summary>
    public long BufferBytes => options.BufferBytesOf(TransferKind.Upload);

    /// <summary><c>engine.upload.max-session-restarts</c>.</summary>
    public int MaxSessionRestarts => options.Upload.MaxSessionRestarts;

    /// <summary>The runner for the endpoint and chunk size recorded in <paramref name="request"/>.</summary>
    public UploadStepRunner RunnerFor(UploadRequested request) =>
        _runners.GetOrAdd((request.Endpoint, request.ChunkSize), key =>
        {
            var upload = new UploadOptions
            {
                Endpoint = key.Endpoint,
                ChunkSize = key.ChunkSize,
                BufferSize = options.Upload.BufferSize,
                MaxSessionRestarts = options.Upload.MaxSessionRestarts,
            };
            var client = new ResumableUploadClient(http, upload, options.Retry, TokenScope.From(options.Http, upload.EndpointUri), time);
            return new UploadStepRunner(client, options.Retry, time, random);
        });
}
