using Engine.Actors.Persistence;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Persistence;

/// <summary>
/// Reads every transfer in a journal without running it: lists the persistence ids, and folds each stream (latest
/// snapshot, then the events after it) through its kind's pure fold into a <see cref="TransferStatus"/>.
/// </summary>
/// <remarks>
/// Why read the streams instead of keeping a registry of unfinished transfers: the streams are the only truth; a
/// registry would be a second write per state change that a crash between the two writes could make disagree. The
/// cost is one read of each stream at start, bounded by snapshots and spread over
/// <c>engine.persistence.recovery.max-concurrent</c> parallel reads.
/// </remarks>
internal static class TransferJournalReader
{
    /// <summary>The status of every transfer of a known kind in the journal, oldest first.</summary>
    public static async Task<IReadOnlyList<TransferStatus>> ReadAllAsync(IJournal journal, ISnapshotStore snapshots,
        IReadOnlyList<ITransferJournalView> views, int parallelism, CancellationToken cancellationToken)
    {
        var ids = new List<(string Id, ITransferJournalView View)>();
        await foreach (var id in journal.CurrentPersistenceIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (views.FirstOrDefault(v => TransferIds.HasPrefix(id, v.IdPrefix)) is { } view) ids.Add((id, view));
        }
        var statuses = new TransferStatus?[ids.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, ids.Count),
            new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            async (i, ct) => statuses[i] = await ReadOneAsync(journal, snapshots, ids[i].Id, ids[i].View, ct).ConfigureAwait(false)).ConfigureAwait(false);
        return [.. statuses.OfType<TransferStatus>().OrderBy(s => s.Id, StringComparer.Ordinal)];
    }

    private static async Task<TransferStatus?> ReadOneAsync(IJournal journal, ISnapshotStore snapshots, string id, ITransferJournalView view,
        CancellationToken cancellationToken)
    {
        var snapshot = await snapshots.LoadAsync(id, long.MaxValue, cancellationToken).ConfigureAwait(false);
        var events = new List<object>();
        await journal.ReplayMessagesAsync(id, (snapshot?.Metadata.SequenceNr ?? 0) + 1, long.MaxValue, long.MaxValue,
            e => events.Add(e.Payload), cancellationToken).ConfigureAwait(false);
        try
        {
            return view.Fold(id, snapshot?.Snapshot, events);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
        {
            throw new InvalidDataException($"Transfer '{id}' in the journal cannot be read: {e.Message}", e);
        }
    }
}
