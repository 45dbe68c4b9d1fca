using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>Turns an upload's state (and, while it runs, its live figures) into the public <see cref="TransferStatus"/>.</summary>
internal static class UploadStatusView
{
    public static TransferStatus From(string transferId, UploadState state, TransferLiveStatus? live = null)
    {
        var request = state.Request;
        return new TransferStatus
        {
            Id = transferId,
            Kind = TransferKind.Upload,
            Phase = state.Phase == TransferPhase.Active && live is { Admitted: false } ? TransferPhase.Queued : state.Phase,
            Source = request?.SourcePath ?? "(no request recorded)",
            Destination = request?.Endpoint ?? "(no request recorded)",
            BytesTotal = request?.Size,
            BytesSent = Math.Max(state.Acknowledged, live?.BytesMoved ?? 0),
            BytesAcknowledged = state.Acknowledged,
            Retries = live?.Retries ?? 0,
            LastRetryCause = live?.LastRetryCause,
            NextRetryAt = live?.NextRetryAt,
            SessionsOpened = state.SessionsOpened,
            LastError = state.FailureReason ?? live?.LastError,
            ResourceJson = state.ResourceJson,
            RequestedAt = request?.RequestedAt,
        };
    }
}
