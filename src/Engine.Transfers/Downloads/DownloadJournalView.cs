using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>Reads downloads from the journal: the same fold as <see cref="DownloadOperationActor"/>'s recovery, without running anything.</summary>
internal sealed class DownloadJournalView : ITransferJournalView
{
    public static DownloadJournalView Instance { get; } = new();

    public TransferKind Kind => TransferKind.Download;

    public string IdPrefix => "download";

    public TransferStatus? Fold(string transferId, object? snapshot, IReadOnlyList<object> events)
    {
        var state = snapshot switch
        {
            null => DownloadState.Empty,
            DownloadState s => s,
            _ => throw new InvalidDataException($"The snapshot of download '{transferId}' is a {snapshot.GetType().Name}, not a download state."),
        };
        foreach (var @event in events)
        {
            state = state.Apply(@event as DownloadEvent
                ?? throw new InvalidDataException($"Download '{transferId}' holds a {@event.GetType().Name}, which is not a download event."));
        }
        return state.Request is null ? null : DownloadStatusView.From(transferId, state);
    }
}
