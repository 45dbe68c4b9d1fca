using Engine.Transfers.Composition;
using Engine.Transfers.Downloads;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>Reads a download's recorded events straight from the rig's SQLite journal (the engine on it may be running or gone).</summary>
internal static class JournalEvents
{
    public static async Task<IReadOnlyList<DownloadEvent>> ReadAsync(TransferEngineOptions options, string transferId)
    {
        await using var persistence = await EnginePersistence.OpenAsync(options.Persistence, TimeProvider.System, CancellationToken.None);
        var events = new List<DownloadEvent>();
        await persistence.Journal.ReplayMessagesAsync(transferId, 1, long.MaxValue, long.MaxValue, e => events.Add((DownloadEvent)e.Payload), CancellationToken.None);
        return events;
    }

    /// <summary>The download's latest snapshot, or <c>null</c>.</summary>
    public static async Task<DownloadState?> SnapshotAsync(TransferEngineOptions options, string transferId)
    {
        await using var persistence = await EnginePersistence.OpenAsync(options.Persistence, TimeProvider.System, CancellationToken.None);
        return (await persistence.SnapshotStore.LoadAsync(transferId, long.MaxValue, CancellationToken.None))?.Snapshot as DownloadState;
    }
}
