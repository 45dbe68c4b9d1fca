using Engine.Transfers.Supervision;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Composition;

/// <summary>
/// The transfer kinds the engine runs: the one place a new kind (downloads) is plugged in, both for running
/// (<see cref="Handlers"/>) and for reading the journal without running (<see cref="JournalViews"/>).
/// </summary>
internal static class TransferKinds
{
    /// <summary>Every kind's journal reader.</summary>
    public static IReadOnlyList<ITransferJournalView> JournalViews { get; } = [UploadJournalView.Instance];

    /// <summary>Every kind's actor factory, over one engine's shared machinery.</summary>
    public static IReadOnlyDictionary<TransferKind, ITransferKindHandler> Handlers(UploadRuntime uploads) =>
        new ITransferKindHandler[] { new UploadKindHandler(uploads) }.ToDictionary(k => k.Kind);
}
