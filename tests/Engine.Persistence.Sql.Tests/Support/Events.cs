using Engine.Actors.Persistence;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>Builders for single-event writes and replay into a list.</summary>
internal static class Events
{
    public static AtomicWrite[] One(string persistenceId, long sequenceNr, string text = "event") =>
        [new AtomicWrite([new PersistentRepresentation(persistenceId, sequenceNr, new TckEvent(text), "writer", DateTimeOffset.UnixEpoch)])];

    public static async Task<List<long>> SequenceNrsAsync(IJournal journal, string persistenceId)
    {
        var replayed = new List<long>();
        await journal.ReplayMessagesAsync(persistenceId, 1, long.MaxValue, long.MaxValue, e => replayed.Add(e.SequenceNr));
        return replayed;
    }
}
