using Engine.Actors.Persistence;

namespace Engine.Actors.Tests.Persistence;

/// <summary>What the in-memory journal adds to the conformance suite (<see cref="MemoryJournalConformanceTests"/>).</summary>
public sealed class MemoryJournalTests
{
    private readonly MemoryJournal _journal = new(TestSerialization.Current());
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AtomicWrite Write(string id, long from, params object[] payloads) =>
        new([.. payloads.Select((p, i) => new PersistentRepresentation(id, from + i, p, "writer", Now))]);

    private async Task<List<long>> Replay(string id)
    {
        var seen = new List<long>();
        await _journal.ReplayMessagesAsync(id, 1, long.MaxValue, long.MaxValue, e => seen.Add(e.SequenceNr));
        return seen;
    }

    [Fact]
    public async Task A_deleted_number_cannot_be_written_again_and_the_numbering_continues()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, new Added(1), new Added(2), new Added(3))]);

        await _journal.DeleteMessagesToAsync("a", 3);

        Assert.Empty(await Replay("a"));
        Assert.Equal(3, await _journal.ReadHighestSequenceNrAsync("a", 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _journal.WriteMessagesAsync([Write("a", 3, new Added(3))]));
        await _journal.WriteMessagesAsync([Write("a", 4, new Added(4))]);
        Assert.Equal([4L], await Replay("a"));
    }
}
