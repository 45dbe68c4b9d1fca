namespace Engine.Transfers.Downloads;

/// <summary>
/// The facts a download's actor persists, in past tense, under the stable manifests of
/// <see cref="Persistence.TransferEventManifests"/>; the access token is never part of any.
/// </summary>
public abstract record DownloadEvent;

/// <summary>A download was asked for: everything needed to run it again after a crash, but the token.</summary>
public sealed record DownloadRequested(
    string TransferId,
    string FileId,
    string? MimeType,
    string? RevisionId,
    string? ResourceKey,
    string DestinationPath,
    string Endpoint,
    DateTimeOffset RequestedAt) : DownloadEvent;

/// <summary>
/// <c>download()</c> returned an operation. Persisted at once: the name is returned by no other call, and
/// losing it would cost a second <c>download()</c>.
/// </summary>
public sealed record OperationStarted(string Name, DateTimeOffset StartedAt) : DownloadEvent;

/// <summary>
/// One poll's answer. <paramref name="NextDelay"/> is the backoff chosen before the next poll, so that after a
/// crash the next poll waits it out instead of bursting.
/// </summary>
public sealed record PollResult(bool Done, int Attempt, TimeSpan NextDelay, DateTimeOffset PolledAt) : DownloadEvent;

/// <summary>The operation was gone (NOT_FOUND or past its lifetime); a new <c>download()</c> call replaces it.</summary>
public sealed record OperationLost(string Reason, DateTimeOffset LostAt) : DownloadEvent;

/// <summary>The operation finished with content at <paramref name="DownloadUri"/>.</summary>
/// <param name="DownloadUri">Where the content is fetched from (a capability: redact it in logs).</param>
/// <param name="PartialAllowed">Byte ranges may be fetched: the download resumes and may be split into segments.</param>
/// <param name="Size">Total bytes, when known before fetching.</param>
/// <param name="ReadyAt">When the operation was seen done.</param>
public sealed record ContentReady(string DownloadUri, bool PartialAllowed, long? Size, DateTimeOffset ReadyAt) : DownloadEvent;

/// <summary>Bytes [<paramref name="Start"/>, <paramref name="End"/>) are in the partial file and flushed to disk.</summary>
public sealed record BytesWritten(long Start, long End) : DownloadEvent;

/// <summary>What was written must be fetched again (one stream without range support was interrupted).</summary>
public sealed record ContentRestarted(string Reason, DateTimeOffset RestartedAt) : DownloadEvent;

public sealed record DownloadPaused(DateTimeOffset PausedAt) : DownloadEvent;

public sealed record DownloadResumed(DateTimeOffset ResumedAt) : DownloadEvent;

/// <summary>The file is complete and renamed into place.</summary>
public sealed record DownloadCompleted(string Sha256, long Size, DateTimeOffset CompletedAt) : DownloadEvent;

/// <summary>A permanent failure; <paramref name="Code"/> is the canonical code name when the server gave one.</summary>
public sealed record DownloadFailed(string? Code, string Reason, DateTimeOffset FailedAt) : DownloadEvent;

public sealed record DownloadCancelled(DateTimeOffset CancelledAt) : DownloadEvent;
