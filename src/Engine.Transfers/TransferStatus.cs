namespace Engine.Transfers;

/// <summary>
/// Where one transfer stands: what <c>engine list</c>, <see cref="TransferEngine.GetStatusAsync"/> and
/// <see cref="TransferEngine.WatchAsync"/> report. Durable fields come from the journal; live fields (bytes sent,
/// retries, next retry time) exist only while the transfer runs in this process.
/// </summary>
public sealed record TransferStatus
{
    /// <summary>The transfer id, which is also its persistence id, e.g. <c>upload-0193…</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Upload or download.</summary>
    public required TransferKind Kind { get; init; }

    /// <summary>Queued, active, paused, or finished (completed, failed, cancelled).</summary>
    public required TransferPhase Phase { get; init; }

    /// <summary>
    /// While <see cref="TransferPhase.Queued"/>: the admission limit the queue waits for (<c>engine.supervisor.max-active-transfers</c>
    /// or <c>max-bytes-in-flight</c>), as of when the transfer was queued; <c>null</c> otherwise.
    /// </summary>
    public string? QueuedReason { get; init; }

    /// <summary>Where the bytes come from: the local file of an upload, the Drive file id of a download.</summary>
    public required string Source { get; init; }

    /// <summary>Where the bytes go: the API endpoint of an upload, the local file of a download.</summary>
    public required string Destination { get; init; }

    /// <summary>Total bytes, when known.</summary>
    public long? BytesTotal { get; init; }

    /// <summary>
    /// Bytes put on the wire in this process (live), counted from the acknowledged offset at which the current request
    /// started; approximate while retries re-send bytes. <see cref="BytesAcknowledged"/> is the durable truth.
    /// </summary>
    public long BytesSent { get; init; }

    /// <summary>Bytes the server confirmed it stores (uploads) or written and flushed to disk (downloads).</summary>
    public long BytesAcknowledged { get; init; }

    /// <summary>Retries in this process so far (each backoff before another attempt).</summary>
    public int Retries { get; init; }

    /// <summary>Why the last retry happened (cause and the server's or transport's explanation).</summary>
    public string? LastRetryCause { get; init; }

    /// <summary>When the next attempt starts, while waiting out a backoff.</summary>
    public DateTimeOffset? NextRetryAt { get; init; }

    /// <summary>Upload sessions (or download operations) opened so far, over the transfer's whole life.</summary>
    public int SessionsOpened { get; init; }

    /// <summary>Polls of download operations over the transfer's whole life.</summary>
    public int Polls { get; init; }

    /// <summary>The SHA-256 (lowercase hex) of the downloaded file, once a download completed.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The last error: the failure reason once failed, else the last transient fault, if any.</summary>
    public string? LastError { get; init; }

    /// <summary>The created resource as JSON, once an upload completed.</summary>
    public string? ResourceJson { get; init; }

    /// <summary>When the transfer was requested.</summary>
    public DateTimeOffset? RequestedAt { get; init; }
}
