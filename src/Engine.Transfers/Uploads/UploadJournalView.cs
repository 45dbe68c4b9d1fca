using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>Reads uploads from the journal: the same fold as <see cref="UploadSessionActor"/>'s recovery, without running anything.</summary>
internal sealed class UploadJournalView : ITransferJournalView
{
    public static UploadJournalView Instance { get; } = new();

    public TransferKind Kind => TransferKind.Upload;

    public string IdPrefix => "upload";

    public TransferStatus? Fold(string transferId, object? snapshot, IReadOnlyList<object> events)
    {
        var state = snapshot switch
        {
            null => UploadState.Empty,
            UploadState s => s,
            _ => throw new InvalidDataException($"The snapshot of upload '{transferId}' is a {snapshot.GetType().Name}, not an upload state."),
        };
        foreach (var @event in events)
        {
            state = state.Apply(@event as UploadEvent
                ?? throw new InvalidDataException($"Upload '{transferId}' holds a {@event.GetType().Name}, which is not an upload event."));
        }
        return state.Request is null ? null : UploadStatusView.From(transferId, state);
    }
}
