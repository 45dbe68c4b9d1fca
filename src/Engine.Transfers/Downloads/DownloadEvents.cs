namespace Engine.Transfers.Downloads;

/// <summary>
/// The facts a download's actor persists, in past tense, under the stable manifests of
/// <see cref="Persistence.TransferEventManifests"/>; the access token is never part of any.
/// </summary>
public abstract record DownloadEvent;

/// <summary>A download was asked for: everything needed to run it again after a crash, but the token.</summary>
/// <param name="TransferId">The transfer id (also the persistence id).</param>
/// <param name="FileId">The Drive file.</param>
/// <param name="MimeType">The export format asked for; <c>null</c>: the default of the file's kind (spec §5).</param>
/// <param name="RevisionId">The revision asked for; <c>null</c>: the current one.</param>
/// <param name="RevisionMedia">Fetch the revision's bytes directly (<c>alt=media</c>) instead of through an operation.</param>
/// <param name="ResourceKey">The file's resource key, for link-shared files.</param>
/// <param name="DestinationPath">The local file to create, as an absolute path.</param>
/// <param name="Endpoint">Scheme, host and port of the Drive API.</param>
/// <param name="RequestedAt">When the download was requested.</param>
public sealed record DownloadRequested(
    string TransferId,
    string FileId,
    string? MimeType,
    string? RevisionId,
    bool RevisionMedia,
    string? ResourceKey,
    string DestinationPath,
    string Endpoint,
    DateTimeOffset RequestedAt) : DownloadEvent;

/// <summary>
/// <c>download()</c> returned an operation. Persisted at once: the name is returned by no other call, and
/// losing it would cost a second <c>download()</c>.
/// </summary>
/// <param name="Name">The operation's server-assigned name.</param>
/// <param name="ContentSize">The size of the content the operation serves, when <c>files.get</c> told it (blob files).</param>
/// <param name="StartedAt">When <c>download()</c> answered.</param>
public sealed record OperationStarted(string Name, long? ContentSize, DateTimeOffset StartedAt) : DownloadEvent;

/// <summary>
/// One poll's answer. <paramref name="NextDelay"/> is the backoff chosen before the next poll, so that after a
/// crash the next poll waits it out instead of bursting.
/// </summary>
public sealed record PollResult(bool Done, int Attempt, TimeSpan NextDelay, DateTimeOffset PolledAt) : DownloadEvent;

/// <summary>The operation was gone (NOT_FOUND or past its lifetime); a new <c>download()</c> call replaces it, and its content is fetched anew.</summary>
public sealed record OperationLost(string Reason, DateTimeOffset LostAt) : DownloadEvent;

/// <summary>
/// The operation finished with a canonical code the engine retries (<paramref name="Code"/>, e.g. <c>UNAVAILABLE</c>):
/// a new <c>download()</c> call follows <paramref name="RetryDelay"/> after <paramref name="FailedAt"/>.
/// </summary>
public sealed record OperationFailed(string Code, string Reason, TimeSpan RetryDelay, DateTimeOffset FailedAt) : DownloadEvent;

/// <summary>The operation finished with content at <paramref name="DownloadUri"/>.</summary>
/// <param name="DownloadUri">Where the content is fetched from (a capability: redact it in logs).</param>
/// <param name="PartialAllowed">Byte ranges may be fetched: the download resumes and may be split into segments.</param>
/// <param name="Size">Total bytes, when known before fetching.</param>
/// <param name="ReadyAt">When the operation was seen done.</param>
public sealed record ContentReady(string DownloadUri, bool PartialAllowed, long? Size, DateTimeOffset ReadyAt) : DownloadEvent;

/// <summary>Bytes [<paramref name="Start"/>, <paramref name="End"/>) are in the partial file and flushed to disk.</summary>
public sealed record BytesWritten(long Start, long End) : DownloadEvent;

/// <summary>What was written must be fetched again (one stream without range support was interrupted, or the partial file is gone).</summary>
public sealed record ContentRestarted(string Reason, DateTimeOffset RestartedAt) : DownloadEvent;

/// <summary>The user paused the download; the requests in flight were cancelled.</summary>
public sealed record DownloadPaused(DateTimeOffset PausedAt) : DownloadEvent;

/// <summary>The paused or failed download runs again, from what its journal says is on disk.</summary>
public sealed record DownloadResumed(DateTimeOffset ResumedAt) : DownloadEvent;

/// <summary>The file is complete (SHA-256 of its bytes) and renamed into place.</summary>
public sealed record DownloadCompleted(string Sha256, long Size, DateTimeOffset CompletedAt) : DownloadEvent;

/// <summary>A permanent failure; <paramref name="Code"/> is the canonical code name when the server gave one.</summary>
public sealed record DownloadFailed(string? Code, string Reason, DateTimeOffset FailedAt) : DownloadEvent;

/// <summary>The user cancelled the download; the partial file is deleted and nothing more happens.</summary>
public sealed record DownloadCancelled(DateTimeOffset CancelledAt) : DownloadEvent;
