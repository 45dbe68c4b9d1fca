using System.Collections.Concurrent;
using Engine.Protocol.Download;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Supervision;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Downloads;

/// <summary>
/// What every download actor of one engine shares: the Drive clients and step runners over the one tuned
/// <see cref="HttpClient"/> (one pair per endpoint), the token source, the clock, the settings and the metrics.
/// </summary>
internal sealed class DownloadRuntime(HttpClient http, TransferEngineOptions options, IAccessTokenSource tokens, TimeProvider time, Random random,
    TransferMetrics metrics) : ITransferRuntime
{
    private readonly ConcurrentDictionary<string, DriveSteps> _drives = new(StringComparer.Ordinal);

    public IAccessTokenSource Tokens => tokens;

    public TimeProvider Time => time;

    /// <summary>The engine's instruments.</summary>
    public TransferMetrics Metrics => metrics;

    /// <summary><c>engine.download</c>.</summary>
    public DownloadOptions Options => options.Download;

    /// <summary>The I/O buffer bytes one running download holds at most (one buffer per segment stream).</summary>
    public long BufferBytes => options.BufferBytesOf(TransferKind.Download);

    /// <summary><c>engine.retry.deadline</c>: how long after its request (or resume) a download may still be retried.</summary>
    public TimeSpan Deadline => options.Retry.Deadline;

    /// <summary><c>engine.retry.max-attempts</c>: operations failing with a retryable code, or content restarts, in a row before giving up.</summary>
    public int MaxAttempts => options.Retry.MaxAttempts;

    /// <summary>The backoff before a new <c>download()</c> after an operation failed with a retryable code (<c>engine.retry</c>).</summary>
    public BackoffSchedule OperationBackoff { get; } = BackoffSchedule.For(options.Retry, random);

    /// <summary>The client and runner for the endpoint recorded in <paramref name="request"/>.</summary>
    public DriveSteps For(DownloadRequested request) =>
        _drives.GetOrAdd(request.Endpoint, endpoint =>
        {
            var download = new DownloadOptions
            {
                Endpoint = endpoint,
                Poll = options.Download.Poll,
                OperationLifetime = options.Download.OperationLifetime,
                Segments = options.Download.Segments,
                SegmentSize = options.Download.SegmentSize,
                BufferSize = options.Download.BufferSize,
            };
            var client = new DriveClient(http, download, options.Retry, TokenScope.From(options.Http, download.EndpointUri), time);
            return new DriveSteps(client, new DownloadStepRunner(client, download, options.Retry, time, random));
        });
}

/// <summary>A Drive wire client and the runner that retries its steps.</summary>
internal sealed record DriveSteps(DriveClient Client, DownloadStepRunner Runner);
