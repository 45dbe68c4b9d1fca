using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>
/// The state of one upload, rebuilt by folding its events (<see cref="Apply"/>); also its snapshot. The actor holds it
/// and nothing else mutates it; the journal reader folds the same way to list transfers without running them.
/// </summary>
public sealed record UploadState : ITransferState<UploadState, UploadEvent>
{
    /// <summary>Before any event.</summary>
    public static readonly UploadState Empty = new();

    /// <summary>The request; <c>null</c> before <see cref="UploadRequested"/>.</summary>
    public UploadRequested? Request { get; init; }

    /// <summary>The open session, or <c>null</c> when none is open (none yet, or the last one expired).</summary>
    public string? SessionUri { get; init; }

    /// <summary>Bytes the server confirmed it stores in the current session.</summary>
    public long Acknowledged { get; init; }

    /// <summary>Sessions opened over the upload's life.</summary>
    public int SessionsOpened { get; init; }

    /// <summary>Sessions that expired (404) over the upload's life.</summary>
    public int SessionExpiries { get; init; }

    /// <summary>Active from the request on; paused, or finished.</summary>
    public TransferPhase Phase { get; init; } = TransferPhase.Queued;

    /// <summary>The created resource's JSON once completed.</summary>
    public string? ResourceJson { get; init; }

    /// <summary>When the upload last started running (requested or resumed): the retry deadline counts from here.</summary>
    public DateTimeOffset RunningSince { get; init; }

    /// <summary>Why the upload failed, while failed.</summary>
    public string? FailureReason { get; init; }

    bool ITransferState<UploadState, UploadEvent>.IsRequested => Request is not null;

    /// <summary>The state after <paramref name="evt"/>.</summary>
    public UploadState Apply(UploadEvent evt) => evt switch
    {
        UploadRequested e => this with { Request = e, Phase = TransferPhase.Active, RunningSince = e.RequestedAt },
        SessionOpened e => this with { SessionUri = e.SessionUri, Acknowledged = 0, SessionsOpened = SessionsOpened + 1 },
        BytesAcknowledged e => this with { Acknowledged = e.Acknowledged },
        SessionExpired => this with { SessionUri = null, Acknowledged = 0, SessionExpiries = SessionExpiries + 1 },
        UploadPaused => this with { Phase = TransferPhase.Paused },
        UploadResumed e => this with { Phase = TransferPhase.Active, FailureReason = null, RunningSince = e.ResumedAt },
        UploadCompleted e => this with { Acknowledged = Request?.Size ?? Acknowledged, ResourceJson = e.ResourceJson, Phase = TransferPhase.Completed },
        UploadFailed e => this with { FailureReason = e.Reason, Phase = TransferPhase.Failed },
        UploadCancelled => this with { Phase = TransferPhase.Cancelled },
        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, $"Unknown upload event {evt.GetType().Name}; register its fold in UploadState.Apply."),
    };
}
