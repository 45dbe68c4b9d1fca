namespace Engine.Transfers.Supervision;

/// <summary>
/// Reads one kind of transfer from the journal without running it: which persistence ids are its own, and the status
/// its stored events (after its latest snapshot) add up to. Pure: the same fold its actor applies during recovery.
/// </summary>
internal interface ITransferJournalView
{
    /// <summary>The kind this view reads.</summary>
    TransferKind Kind { get; }

    /// <summary>The persistence id prefix of this kind, e.g. <c>upload</c> for <c>upload-0193…</c>.</summary>
    string IdPrefix { get; }

    /// <summary>The status the stream of <paramref name="transferId"/> adds up to, or <c>null</c> when it holds no request.</summary>
    /// <param name="transferId">The transfer (persistence) id.</param>
    /// <param name="snapshot">The latest snapshot's state, when one exists.</param>
    /// <param name="events">The events stored after it, in order.</param>
    TransferStatus? Fold(string transferId, object? snapshot, IReadOnlyList<object> events);
}
