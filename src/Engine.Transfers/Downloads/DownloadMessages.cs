using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Resilience;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>
/// The download actor's own messages: outcomes of the tasks it piped to itself, each with the <c>Generation</c> of the
/// run that started it, so outcomes of a run cancelled by a pause, a cancel or a lost operation are ignored.
/// </summary>
internal abstract record DownloadMessage(int Generation) : TransferCommand;

/// <summary><c>files.get</c> (and <c>download()</c>) ended.</summary>
internal sealed record OperationRequestEnded(int Generation, StartOutcome Outcome) : DownloadMessage(Generation);

/// <summary>A poll ended.</summary>
internal sealed record PollEnded(int Generation, PollOutcome Outcome) : DownloadMessage(Generation);

/// <summary>A content fetch ended: one segment (<paramref name="Range"/>), or the one stream when <c>null</c>; its bytes are flushed to disk.</summary>
internal sealed record ContentEnded(int Generation, ByteRange? Range, ContentOutcome Outcome) : DownloadMessage(Generation);

/// <summary>The complete file was hashed and renamed into place.</summary>
internal sealed record FileSealed(int Generation, string Sha256, long Size) : DownloadMessage(Generation);

/// <summary>A task threw (token source, local file, unexpected error); handled like a failure when current.</summary>
internal sealed record StepCrashed(int Generation, Exception Error) : DownloadMessage(Generation);

/// <summary>A runner waits before another attempt of a request.</summary>
internal sealed record DownloadRetryScheduled(int Generation, RetryNotice Notice) : DownloadMessage(Generation);

/// <summary>A backoff (before a poll or a new <c>download()</c>) is over.</summary>
internal sealed record BackoffElapsed(int Generation) : DownloadMessage(Generation);

/// <summary>Time to report live progress of the content in flight.</summary>
internal sealed record DownloadProgressTick : TransferCommand
{
    public static DownloadProgressTick Instance { get; } = new();
}

/// <summary>What the first step of an operation (<c>files.get</c>, checks, <c>download()</c>) came to.</summary>
internal abstract record StartOutcome
{
    private StartOutcome() { }

    /// <summary><c>download()</c> returned an operation; <paramref name="ContentSize"/> is the blob's size when known.</summary>
    public sealed record Started(OperationState Operation, long? ContentSize) : StartOutcome;

    /// <summary>No operation needed: the revision's bytes are fetched directly from <paramref name="Uri"/>.</summary>
    public sealed record Direct(Uri Uri, long? ContentSize) : StartOutcome;

    /// <summary>The rules of the spec refuse the request before any <c>download()</c> call.</summary>
    public sealed record Refused(DownloadRefusedException Reason) : StartOutcome;

    /// <summary>A call failed for good.</summary>
    public sealed record Failed(DriveFailure Failure) : StartOutcome;
}
