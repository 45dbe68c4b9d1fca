using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Errors;
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
    /// <summary>The status of every transfer of a known kind in the journal (or, with <paramref name="include"/>, of those it accepts), oldest first.</summary>
    public static async Task<IReadOnlyList<TransferStatus>> ReadAllAsync(IJournal journal, ISnapshotStore snapshots,
        IReadOnlyList<ITransferJournalView> views, int parallelism, CancellationToken cancellationToken, Func<string, bool>? include = null)
    {
        var ids = new List<(string Id, ITransferJournalView View)>();
        await foreach (var id in journal.CurrentPersistenceIdsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (views.FirstOrDefault(v => TransferIds.HasPrefix(id, v.IdPrefix)) is { } view && (include?.Invoke(id) ?? true)) ids.Add((id, view));
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
        SelectedSnapshot? snapshot = null;
        var events = new List<object>();
        try
        {
            snapshot = await snapshots.LoadAsync(id, long.MaxValue, cancellationToken).ConfigureAwait(false);
            await journal.ReplayMessagesAsync(id, (snapshot?.Metadata.SequenceNr ?? 0) + 1, long.MaxValue, long.MaxValue,
                e => events.Add(e.Payload), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is PersistenceReplayException or PersistenceSerializationException)
        {
            // One damaged stream (a corrupt row, an event of a newer version) fails that transfer only: the engine
            // still starts and every other transfer resumes.
            return Unreadable(id, view, FoldOrNull(id, view, snapshot, events), e.Message);
        }
        try
        {
            return view.Fold(id, snapshot?.Snapshot, events);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
        {
            return Unreadable(id, view, null, e.Message);
        }
    }

    /// <summary>What the readable events before the damage say (source, size, bytes acknowledged), if anything.</summary>
    private static TransferStatus? FoldOrNull(string id, ITransferJournalView view, SelectedSnapshot? snapshot, IReadOnlyList<object> events)
    {
        try
        {
            return view.Fold(id, snapshot?.Snapshot, events);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static TransferStatus Unreadable(string id, ITransferJournalView view, TransferStatus? readable, string cause)
    {
        const string unknown = "(unreadable in the journal)";
        var status = readable ?? new TransferStatus { Id = id, Kind = view.Kind, Phase = TransferPhase.Failed, Source = unknown, Destination = unknown };
        return status with
        {
            Phase = TransferPhase.Failed,
            LastError = $"Transfer '{id}' cannot be read from the journal, so it was not resumed: {cause}",
        };
    }
}
