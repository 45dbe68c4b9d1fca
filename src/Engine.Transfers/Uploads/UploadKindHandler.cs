using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Uploads;

/// <summary>Plugs uploads into the supervisor: <see cref="UploadSessionActor"/>s over one engine's <see cref="UploadRuntime"/>.</summary>
internal sealed class UploadKindHandler(UploadRuntime runtime) : ITransferKindHandler
{
    public TransferKind Kind => UploadJournalView.Instance.Kind;

    public long BufferBytes => runtime.BufferBytes;

    public string IdPrefix => UploadJournalView.Instance.IdPrefix;

    public TransferStatus? Fold(string transferId, object? snapshot, IReadOnlyList<object> events) =>
        UploadJournalView.Instance.Fold(transferId, snapshot, events);

    public Props<TransferCommand> Props(string transferId, object? order, IActorRef<SupervisorCommand> supervisor) =>
        Actors.Props.Create<TransferCommand>(() => new UploadSessionActor(transferId, (UploadOrder?)order, supervisor, runtime));
}
