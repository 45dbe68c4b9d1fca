using System.Text.Json.Serialization;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>
/// The state of one download, rebuilt by folding its events (<see cref="Apply"/>); also its snapshot. The actor holds
/// it and nothing else mutates it; the journal reader folds the same way to list transfers without running them.
/// </summary>
public sealed record DownloadState : ITransferState<DownloadState, DownloadEvent>
{
    /// <summary>Before any event.</summary>
    public static readonly DownloadState Empty = new();

    /// <summary>The request; <c>null</c> before <see cref="DownloadRequested"/>.</summary>
    public DownloadRequested? Request { get; init; }

    /// <summary>Active from the request on; paused, or finished.</summary>
    public TransferPhase Phase { get; init; } = TransferPhase.Queued;

    /// <summary>When the download last started running (requested or resumed): the retry deadline counts from here.</summary>
    public DateTimeOffset RunningSince { get; init; }

    /// <summary>The live operation's name, or <c>null</c> when none is known (none yet, lost, or failed).</summary>
    public string? OperationName { get; init; }

    /// <summary>When the live operation was started.</summary>
    public DateTimeOffset? OperationStartedAt { get; init; }

    /// <summary>The content size <c>files.get</c> reported when the live operation was started.</summary>
    public long? ContentSize { get; init; }

    /// <summary>Operations started over the download's life.</summary>
    public int OperationsStarted { get; init; }

    /// <summary>Operations lost, or ended with a retryable canonical code, in a row since a byte was last written (or the download resumed).</summary>
    public int OperationFailures { get; init; }

    /// <summary>The next <c>download()</c> call waits until then (after a retryable operation failure).</summary>
    public DateTimeOffset? RetryAt { get; init; }

    /// <summary>Polls recorded over the download's life.</summary>
    public int Polls { get; init; }

    /// <summary>The 0-based number of the next poll of the live operation.</summary>
    public int NextPollAttempt { get; init; }

    /// <summary>When the next poll is due (the last poll's time plus its recorded backoff); <c>null</c>: at once.</summary>
    public DateTimeOffset? NextPollAt { get; init; }

    /// <summary>Where the content is fetched from, once the operation is done.</summary>
    public string? ContentUri { get; init; }

    /// <summary>Byte ranges may be fetched.</summary>
    public bool PartialAllowed { get; init; }

    /// <summary>Total bytes, when known.</summary>
    public long? Size { get; init; }

    /// <summary>Byte ranges in the partial file and flushed to disk, in file order, adjacent ones merged.</summary>
    public IReadOnlyList<WrittenRange> Written { get; init; } = [];

    /// <summary>The SHA-256 of the complete file.</summary>
    public string? Sha256 { get; init; }

    /// <summary>The canonical code name of the failure, when the server gave one.</summary>
    public string? FailureCode { get; init; }

    /// <summary>Why the download failed, while failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Bytes written and flushed so far.</summary>
    [JsonIgnore]
    public long BytesWritten => Written.Sum(r => r.End - r.Start);

    /// <summary>Content is fetched as byte ranges (allowed, and the size is known).</summary>
    [JsonIgnore]
    public bool Ranged => PartialAllowed && Size is not null;

    /// <summary>
    /// Every byte is on disk: all <see cref="Size"/> bytes of ranged content, or the one completed stream of content
    /// without range support (only a completely received stream is ever recorded).
    /// </summary>
    [JsonIgnore]
    public bool AllWritten => ContentUri is not null && (Ranged ? BytesWritten == Size : Written.Count > 0);

    bool ITransferState<DownloadState, DownloadEvent>.IsRequested => Request is not null;

    /// <summary>The state after <paramref name="evt"/>.</summary>
    public DownloadState Apply(DownloadEvent evt) => evt switch
    {
        DownloadRequested e => this with { Request = e, Phase = TransferPhase.Active, RunningSince = e.RequestedAt },
        OperationStarted e => this with
        {
            OperationName = e.Name, OperationStartedAt = e.StartedAt, ContentSize = e.ContentSize,
            OperationsStarted = OperationsStarted + 1, RetryAt = null, NextPollAttempt = 0, NextPollAt = null,
        },
        PollResult e => this with { Polls = Polls + 1, NextPollAttempt = e.Attempt + 1, NextPollAt = e.Done ? null : e.PolledAt + e.NextDelay },
        OperationLost => WithoutOperation() with { OperationFailures = OperationFailures + 1 },
        OperationFailed e => WithoutOperation() with { OperationFailures = OperationFailures + 1, RetryAt = e.FailedAt + e.RetryDelay },
        ContentReady e => this with
        {
            ContentUri = e.DownloadUri, PartialAllowed = e.PartialAllowed, Size = e.Size, Written = [], NextPollAt = null,
        },
        BytesWritten e => this with { Written = WrittenRange.Add(Written, new WrittenRange(e.Start, e.End)), OperationFailures = 0 },
        ContentRestarted => this with { Written = [] },
        DownloadPaused => this with { Phase = TransferPhase.Paused },
        DownloadResumed e => this with { Phase = TransferPhase.Active, FailureCode = null, FailureReason = null, OperationFailures = 0, RetryAt = null, RunningSince = e.ResumedAt },
        DownloadCompleted e => this with { Sha256 = e.Sha256, Size = e.Size, Phase = TransferPhase.Completed },
        DownloadFailed e => this with { FailureCode = e.Code, FailureReason = e.Reason, Phase = TransferPhase.Failed },
        DownloadCancelled => this with { Phase = TransferPhase.Cancelled },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, $"Unknown download event {evt.GetType().Name}; register its fold in DownloadState.Apply."),
    };

    /// <summary>The operation and everything fetched through it are forgotten: a new <c>download()</c> call comes next.</summary>
    private DownloadState WithoutOperation() => this with
    {
        OperationName = null, OperationStartedAt = null, ContentSize = null, NextPollAttempt = 0, NextPollAt = null,
        ContentUri = null, PartialAllowed = false, Size = null, Written = [],
    };
}
