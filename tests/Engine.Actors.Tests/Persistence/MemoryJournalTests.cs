using Engine.Actors.Persistence;

namespace Engine.Actors.Tests.Persistence;

/// <summary>The in-memory journal and snapshot store honour the contracts of <see cref="IJournal"/> and <see cref="ISnapshotStore"/>.</summary>
public sealed class MemoryJournalTests
{
    private static readonly TestSerializer Serializer = new(new Dictionary<Type, string> { [typeof(Added)] = "added.v1", [typeof(int)] = "total.v1" });
    private readonly MemoryJournal _journal = new(Serializer);
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AtomicWrite Write(string id, long from, params object[] payloads) =>
        new([.. payloads.Select((p, i) => new PersistentRepresentation(id, from + i, p, "writer", Now))]);

    private async Task<List<long>> Replay(string id, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var seen = new List<long>();
        await _journal.ReplayMessagesAsync(id, from, to, max, e => seen.Add(e.SequenceNr));
        return seen;
    }

    [Fact]
    public async Task A_second_write_of_the_same_sequence_number_fails_and_overwrites_nothing()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, new Added(1), new Added(2))]);

        var duplicate = await Assert.ThrowsAsync<InvalidOperationException>(() => _journal.WriteMessagesAsync([Write("a", 2, new Added(99))]));

        Assert.Contains("'a'", duplicate.Message, StringComparison.Ordinal);
        var events = new List<object>();
        await _journal.ReplayMessagesAsync("a", 1, 10, 10, e => events.Add(e.Payload));
        Assert.Equal([new Added(1), new Added(2)], events);
    }

    [Fact]
    public async Task A_write_that_cannot_be_serialized_is_rejected_whole_while_the_others_are_stored()
    {
        var results = await _journal.WriteMessagesAsync([Write("a", 1, new Added(1)), Write("b", 1, new Added(1), "no manifest"), Write("c", 1, new Added(1))]);

        Assert.Null(results[0]);
        Assert.IsType<PersistenceSerializationException>(results[1]);
        Assert.Null(results[2]);
        Assert.Empty(await Replay("b"));
        Assert.Equal(0, await _journal.ReadHighestSequenceNrAsync("b", 0));
    }

    [Fact]
    public async Task Replay_honours_the_range_and_the_maximum()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, [.. Enumerable.Range(1, 10).Select(i => (object)new Added(i))])]);

        Assert.Equal([3L, 4L, 5L], await Replay("a", from: 3, to: 5));
        Assert.Equal([4L, 5L], await Replay("a", from: 4, max: 2));
        Assert.Empty(await Replay("unknown"));
    }

    [Fact]
    public async Task Deletion_keeps_the_highest_sequence_number_and_the_numbering_continues()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, new Added(1), new Added(2), new Added(3))]);

        await _journal.DeleteMessagesToAsync("a", 3);

        Assert.Empty(await Replay("a"));
        Assert.Equal(3, await _journal.ReadHighestSequenceNrAsync("a", 0));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _journal.WriteMessagesAsync([Write("a", 3, new Added(3))]));
        await _journal.WriteMessagesAsync([Write("a", 4, new Added(4))]);
        Assert.Equal([4L], await Replay("a"));
    }

    [Fact]
    public async Task Current_persistence_ids_lists_every_stream_with_events()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, new Added(1)), Write("b", 1, new Added(1))]);

        var ids = new List<string>();
        await foreach (var id in _journal.CurrentPersistenceIdsAsync()) ids.Add(id);

        Assert.Equal(["a", "b"], ids.Order());
    }

    [Fact]
    public async Task The_snapshot_store_loads_the_newest_within_the_bound_and_deletes_up_to_a_number()
    {
        var store = new MemorySnapshotStore(Serializer);
        await store.SaveAsync(new SnapshotMetadata("a", 3, Now), 30);
        await store.SaveAsync(new SnapshotMetadata("a", 6, Now), 60);

        Assert.Equal(60, (await store.LoadAsync("a", long.MaxValue))!.Snapshot);
        Assert.Equal(30, (await store.LoadAsync("a", 5))!.Snapshot);
        await store.DeleteAsync("a", 5);
        Assert.Null(await store.LoadAsync("a", 5));
        Assert.Equal(6, (await store.LoadAsync("a", 6))!.Metadata.SequenceNr);
        Assert.Null(await store.LoadAsync("b", long.MaxValue));
    }
}
