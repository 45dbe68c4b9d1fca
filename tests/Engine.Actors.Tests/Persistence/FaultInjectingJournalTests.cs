using Engine.Actors.Persistence;
using Engine.TestKit;

namespace Engine.Actors.Tests.Persistence;

/// <summary>The fault injector selects the right calls and counts its uses.</summary>
public sealed class FaultInjectingJournalTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly MemoryJournal _memory = new();
    private readonly FaultInjectingJournal _journal;

    public FaultInjectingJournalTests() => _journal = new FaultInjectingJournal(_memory);

    private static AtomicWrite Write(string id, long sequenceNr, object payload) =>
        new([new PersistentRepresentation(id, sequenceNr, payload, "w", Now)]);

    [Fact]
    public async Task A_failure_for_the_next_call_applies_once_and_stores_nothing_of_that_call()
    {
        _journal.FailWrites(FaultSelector.ForPersistenceId("a"), times: 1);

        await Assert.ThrowsAsync<InjectedJournalException>(() => _journal.WriteMessagesAsync([Write("a", 1, "x"), Write("b", 1, "y")]));
        var results = await _journal.WriteMessagesAsync([Write("a", 1, "x"), Write("b", 1, "y")]);

        Assert.All(results, Assert.Null);
        Assert.Equal(1, await _memory.ReadHighestSequenceNrAsync("a", 0));
    }

    [Fact]
    public async Task A_rejection_by_event_type_hits_only_the_writes_carrying_it()
    {
        _journal.RejectWrites(FaultSelector.ForEventType<int>());

        var results = await _journal.WriteMessagesAsync([Write("a", 1, 42), Write("b", 1, "text"), Write("c", 1, 7)]);

        Assert.IsType<InjectedJournalException>(results[0]);
        Assert.Null(results[1]);
        Assert.IsType<InjectedJournalException>(results[2]);
        Assert.Equal(0, await _memory.ReadHighestSequenceNrAsync("a", 0));
        Assert.Equal(1, await _memory.ReadHighestSequenceNrAsync("b", 0));
        Assert.Equal(0, await _memory.ReadHighestSequenceNrAsync("c", 0));
    }

    [Fact]
    public async Task A_recovery_failure_by_event_type_fails_when_that_event_is_replayed()
    {
        await _journal.WriteMessagesAsync([Write("a", 1, "fine"), Write("a", 2, 13)]);
        _journal.FailRecoveries(FaultSelector.ForEventType<int>());
        var replayed = new List<long>();

        var error = await Assert.ThrowsAsync<InjectedJournalException>(() => _journal.ReplayMessagesAsync("a", 1, 10, 10, e => replayed.Add(e.SequenceNr)));

        Assert.Equal([1L], replayed);
        Assert.Contains("#2", error.Message, StringComparison.Ordinal);
        _journal.ClearFaults();
        await _journal.ReplayMessagesAsync("a", 1, 10, 10, e => replayed.Add(e.SequenceNr));
        Assert.Equal([1L, 1L, 2L], replayed);
    }

    [Fact]
    public async Task A_delay_holds_the_call_on_the_given_clock()
    {
        var time = new ManualTimeProvider();
        var journal = new FaultInjectingJournal(_memory, time);
        journal.DelayWrites(FaultSelector.Any, TimeSpan.FromSeconds(5), times: 1);

        var write = journal.WriteMessagesAsync([Write("a", 1, "x")]);
        Assert.False(write.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(Assert.Single(await write.WaitAsync(TimeSpan.FromSeconds(10))));
    }
}
