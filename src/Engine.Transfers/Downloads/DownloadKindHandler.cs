using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Downloads;

/// <summary>Plugs downloads into the supervisor: <see cref="DownloadOperationActor"/>s over one engine's <see cref="DownloadRuntime"/>.</summary>
internal sealed class DownloadKindHandler(DownloadRuntime runtime) : ITransferKindHandler
{
    public TransferKind Kind => DownloadJournalView.Instance.Kind;

    public long BufferBytes => runtime.BufferBytes;

    public string IdPrefix => DownloadJournalView.Instance.IdPrefix;

    public TransferStatus? Fold(string transferId, object? snapshot, IReadOnlyList<object> events) =>
        DownloadJournalView.Instance.Fold(transferId, snapshot, events);

    public Props<TransferCommand> Props(string transferId, object? order, IActorRef<SupervisorCommand> supervisor) =>
        Actors.Props.Create<TransferCommand>(() => new DownloadOperationActor(transferId, (DownloadOrder?)order, supervisor, runtime));
}
