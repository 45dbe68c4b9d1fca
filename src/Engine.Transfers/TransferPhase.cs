namespace Engine.Transfers;

/// <summary>Where a transfer stands, as <c>engine list</c> and <see cref="TransferStatus"/> show it.</summary>
public enum TransferPhase
{
    /// <summary>Accepted and recorded, waiting for an admission slot (<c>engine.supervisor.max-active-transfers</c>).</summary>
    Queued,

    /// <summary>Moving: opening a session or operation, polling, sending or receiving bytes, or waiting out a backoff.</summary>
    Active,

    /// <summary>Paused by the user; resumes on request.</summary>
    Paused,

    /// <summary>Done: every byte is stored at the destination.</summary>
    Completed,

    /// <summary>Failed; <see cref="TransferStatus.LastError"/> says why and what to do. It can be resumed once the cause is fixed.</summary>
    Failed,

    /// <summary>Cancelled by the user; nothing more happens.</summary>
    Cancelled,
}

/// <summary>Helpers on <see cref="TransferPhase"/>.</summary>
public static class TransferPhaseExtensions
{
    /// <summary>True once nothing more will happen to the transfer unless a user resumes a failed one.</summary>
    public static bool IsFinished(this TransferPhase phase) =>
        phase is TransferPhase.Completed or TransferPhase.Failed or TransferPhase.Cancelled;
}
