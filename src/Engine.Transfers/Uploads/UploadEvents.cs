using Engine.Transfers.Sources;

namespace Engine.Transfers.Uploads;

/// <summary>
/// The facts an upload's actor persists, in past tense. The journal stores them under the
/// stable manifests of <see cref="Persistence.TransferEventManifests"/>; the access token is never part of any.
/// </summary>
public abstract record UploadEvent;

/// <summary>An upload was asked for: everything needed to run it again after a crash, but the token.</summary>
/// <param name="TransferId">The transfer id (also the persistence id).</param>
/// <param name="SourcePath">The local file, as an absolute path.</param>
/// <param name="Size">The file's size when the upload was requested: the total declared to the server.</param>
/// <param name="Fingerprint">Identifies the file's content, checked before resuming.</param>
/// <param name="MetadataJson">The video resource JSON sent when a session is opened.</param>
/// <param name="Parts">The <c>part</c> parameter of the session request, e.g. <c>snippet,status</c>.</param>
/// <param name="ContentType">The media type declared to the server.</param>
/// <param name="Endpoint">Scheme, host and port of the upload API.</param>
/// <param name="ChunkSize">0 = the whole rest of the file in one request; else a multiple of 256 KiB.</param>
/// <param name="RequestedAt">When the upload was requested.</param>
public sealed record UploadRequested(
    string TransferId,
    string SourcePath,
    long Size,
    SourceFingerprint Fingerprint,
    string MetadataJson,
    string Parts,
    string ContentType,
    string Endpoint,
    long ChunkSize,
    DateTimeOffset RequestedAt) : UploadEvent;

/// <summary>The server opened a resumable session. Persisted before the first byte is sent, so a crash never opens a second session.</summary>
public sealed record SessionOpened(string SessionUri, DateTimeOffset OpenedAt) : UploadEvent;

/// <summary>The server confirmed it stores bytes 0..<paramref name="Acknowledged"/>−1 (a 308 <c>Range</c>).</summary>
public sealed record BytesAcknowledged(long Acknowledged) : UploadEvent;

/// <summary>The session answered 404: it expired, and the upload starts again from byte 0 in a new session.</summary>
public sealed record SessionExpired(long AcknowledgedBefore, DateTimeOffset ExpiredAt) : UploadEvent;

/// <summary>The user paused the upload; the request in flight was cancelled.</summary>
public sealed record UploadPaused(DateTimeOffset PausedAt) : UploadEvent;

/// <summary>The paused or failed upload runs again (after a status query: the server's <c>Range</c> decides where).</summary>
public sealed record UploadResumed(DateTimeOffset ResumedAt) : UploadEvent;

/// <summary>The server answered 200/201 with the created resource.</summary>
public sealed record UploadCompleted(string ResourceJson, DateTimeOffset CompletedAt) : UploadEvent;

/// <summary>A permanent failure: the reason says what happened and what to do.</summary>
public sealed record UploadFailed(string Reason, DateTimeOffset FailedAt) : UploadEvent;

/// <summary>The user cancelled the upload; nothing more happens to it.</summary>
public sealed record UploadCancelled(DateTimeOffset CancelledAt) : UploadEvent;
