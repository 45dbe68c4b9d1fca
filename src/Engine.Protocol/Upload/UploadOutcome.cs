using Engine.Protocol.Http;

namespace Engine.Protocol.Upload;

/// <summary>
/// The classified result of one upload request or one upload step (spec resumable-upload §3, §4.2). The actor turns
/// each case into an event: <see cref="SessionOpened"/> → <c>SessionOpened</c>, <see cref="Incomplete"/> →
/// <c>BytesAcknowledged</c>, <see cref="Completed"/> → <c>UploadCompleted</c>, <see cref="SessionExpired"/> → new
/// session from 0, <see cref="Failed"/> → <c>UploadFailed</c>.
/// </summary>
public abstract record UploadOutcome
{
    private UploadOutcome() { }

    /// <summary>The session was created; every later request goes to <paramref name="SessionUri"/> (a capability: redact it in logs).</summary>
    public sealed record SessionOpened(Uri SessionUri) : UploadOutcome
    {
        public override string ToString() => "SessionOpened(session URI redacted)";
    }

    /// <summary>200/201: the upload is complete; <paramref name="ResourceJson"/> is the created resource (valid JSON object).</summary>
    public sealed record Completed(string ResourceJson) : UploadOutcome;

    /// <summary>308: bytes <c>0..AcknowledgedBytes-1</c> are stored; resume at <paramref name="AcknowledgedBytes"/>.</summary>
    public sealed record Incomplete(long AcknowledgedBytes) : UploadOutcome;

    /// <summary>No usable answer, or 408/429/500/502/503/504: query status and resume after a backoff (at least <paramref name="RetryAfter"/>).</summary>
    public sealed record Resumable(TransientCause Cause, TimeSpan? RetryAfter, string Detail) : UploadOutcome;

    /// <summary>404: the session expired; open a new session and start from byte 0.</summary>
    public sealed record SessionExpired(string Detail) : UploadOutcome;

    /// <summary>The upload cannot go on; <paramref name="Message"/> says what happened and what to do.</summary>
    public sealed record Failed(UploadFailureKind Kind, string Message, int? StatusCode = null) : UploadOutcome;
}
