namespace Engine.Protocol.Download;

/// <summary>Why a Drive call or content fetch failed for good.</summary>
public enum DriveFailureKind
{
    /// <summary>The server refused the call (a non-transient HTTP status); <see cref="DriveFailure.Code"/> is its canonical code.</summary>
    Rejected,

    /// <summary>Revision media of a Workspace document: <c>fileNotDownloadable</c>. Use <c>files.download</c> instead.</summary>
    FileNotDownloadable,

    /// <summary>The answer broke the protocol (invalid JSON, contradictory operation, mismatched range, too many redirects).</summary>
    ProtocolViolation,

    /// <summary>The local destination could not be written.</summary>
    LocalFile,

    /// <summary>Transient faults went on for <c>engine.retry.max-attempts</c> attempts without progress.</summary>
    RetriesExhausted,

    /// <summary>A deadline passed (the transfer's, or <c>engine.download.poll.deadline</c> while polling).</summary>
    DeadlineExceeded,
}
