namespace Engine.Protocol.Upload;

/// <summary>Why an upload failed for good.</summary>
public enum UploadFailureKind
{
    /// <summary>The server refused it (a 4xx other than 404/408/429, or a 5xx other than 500/502/503/504).</summary>
    Rejected,

    /// <summary>The server's answer broke the protocol (bad header, oversized or invalid body, range going backwards).</summary>
    ProtocolViolation,

    /// <summary>The local source file could not be read as expected.</summary>
    SourceFile,

    /// <summary>Transient faults went on for <c>engine.retry.max-attempts</c> attempts without progress.</summary>
    RetriesExhausted,

    /// <summary>The total <c>engine.retry.deadline</c> passed.</summary>
    DeadlineExceeded,
}
