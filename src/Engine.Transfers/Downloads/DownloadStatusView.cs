using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>Turns a download's state (and, while it runs, its live figures) into the public <see cref="TransferStatus"/>.</summary>
internal static class DownloadStatusView
{
    public static TransferStatus From(string transferId, DownloadState state, TransferLiveStatus? live = null)
    {
        var request = state.Request;
        var written = state.BytesWritten;
        return new TransferStatus
        {
            Id = transferId,
            Kind = TransferKind.Download,
            Phase = state.Phase == TransferPhase.Active && live is { Admitted: false } ? TransferPhase.Queued : state.Phase,
            Source = request?.FileId ?? "(no request recorded)",
            Destination = request?.DestinationPath ?? "(no request recorded)",
            BytesTotal = state.Size,
            BytesSent = Math.Max(written, live?.BytesMoved ?? 0),
            BytesAcknowledged = state.Phase == TransferPhase.Completed ? state.Size ?? written : written,
            Retries = live?.Retries ?? 0,
            LastRetryCause = live?.LastRetryCause,
            NextRetryAt = live?.NextRetryAt,
            SessionsOpened = state.OperationsStarted,
            Polls = state.Polls,
            LastError = state.FailureReason ?? live?.LastError,
            Sha256 = state.Sha256,
            RequestedAt = request?.RequestedAt,
        };
    }
}
