using Engine.Transfers.Downloads;
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
    public static IReadOnlyList<ITransferJournalView> JournalViews { get; } = [UploadJournalView.Instance, DownloadJournalView.Instance];

    /// <summary>The persistence id prefix of <paramref name="kind"/>'s transfers (<c>upload</c>, <c>download</c>).</summary>
    public static string IdPrefixOf(TransferKind kind) => JournalViews.First(v => v.Kind == kind).IdPrefix;

    /// <summary>Every kind's actor factory, over one engine's shared machinery.</summary>
    public static IReadOnlyDictionary<TransferKind, ITransferKindHandler> Handlers(UploadRuntime uploads, DownloadRuntime downloads) =>
        new ITransferKindHandler[] { new UploadKindHandler(uploads), new DownloadKindHandler(downloads) }.ToDictionary(k => k.Kind);
}
