using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

// The download actor's own task outcomes: each carries the generation of the run that started it (see TaskMessage).

/// <summary><c>files.get</c> (and <c>download()</c>) ended.</summary>
internal sealed record OperationRequestEnded(int Generation, StartOutcome Outcome) : TaskMessage(Generation);

/// <summary>A poll ended.</summary>
internal sealed record PollEnded(int Generation, PollOutcome Outcome) : TaskMessage(Generation);

/// <summary>A content fetch ended: one segment (<paramref name="Range"/>), or the one stream when <c>null</c>; its bytes are flushed to disk.</summary>
internal sealed record ContentEnded(int Generation, ByteRange? Range, ContentOutcome Outcome) : TaskMessage(Generation);

/// <summary>The complete file was hashed and renamed into place.</summary>
internal sealed record FileSealed(int Generation, string Sha256, long Size) : TaskMessage(Generation);

/// <summary>A backoff (before a poll or a new <c>download()</c>) is over.</summary>
internal sealed record BackoffElapsed(int Generation) : TaskMessage(Generation);

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
