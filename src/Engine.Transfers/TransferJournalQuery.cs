using Engine.Persistence.Sql.Options;
using Engine.Transfers.Composition;
using Engine.Transfers.Persistence;

namespace Engine.Transfers;

/// <summary>Reads the transfers recorded in a journal without starting any (what <c>engine list</c> shows).</summary>
public static class TransferJournalQuery
{
    /// <summary>
    /// The status of every transfer in the journal of <paramref name="options"/>, oldest first. Live figures (bytes
    /// sent, retries) are absent: only what the journal holds. A SQLite journal that does not exist yet holds none.
    /// </summary>
    public static async Task<IReadOnlyList<TransferStatus>> ListAsync(TransferEngineOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Persistence.Provider == PersistenceProvider.Sqlite && !File.Exists(options.Persistence.Sqlite.Path)) return [];
        await using var persistence = await EnginePersistence.OpenAsync(options.Persistence, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        return await TransferJournalReader.ReadAllAsync(persistence.Journal, persistence.SnapshotStore, TransferKinds.JournalViews,
            options.Persistence.Recovery.MaxConcurrent, cancellationToken).ConfigureAwait(false);
    }
}
