using Engine.Actors.Persistence;
using Xunit;

namespace Engine.TestKit.Tck;

/// <summary>
/// The journal conformance suite (modelled on Akka's TCK <c>JournalSpec</c>). Derive once per journal
/// implementation and implement <see cref="CreateJournalAsync"/>; every call within one test must return a
/// journal over the same storage (the unknown-manifest test reopens it with another serializer).
/// </summary>
public abstract class JournalSpec : PersistenceSpec
{
    private IJournal? _journal;

    /// <summary>The journal under test, created with <see cref="TckSerializers.Current"/>.</summary>
    protected IJournal Journal => _journal ?? throw new InvalidOperationException("The journal is created in InitializeAsync.");

    /// <summary>Opens a journal over this test's storage that serializes with <paramref name="serializer"/>.</summary>
    protected abstract Task<IJournal> CreateJournalAsync(IPersistenceSerializer serializer);

    public override async Task InitializeAsync() => _journal = await CreateJournalAsync(TckSerializers.Current());

    protected async Task WriteAsync(params AtomicWrite[] writes)
    {
        var results = await Journal.WriteMessagesAsync(writes);
        Assert.Equal(writes.Length, results.Count);
        Assert.All(results, Assert.Null);
    }

    protected async Task<List<PersistentRepresentation>> ReplayAsync(string persistenceId, long from = 1, long to = long.MaxValue, long max = long.MaxValue)
    {
        var replayed = new List<PersistentRepresentation>();
        await Journal.ReplayMessagesAsync(persistenceId, from, to, max, replayed.Add);
        return replayed;
    }

    private static void AssertSequence(IEnumerable<PersistentRepresentation> events, params long[] expected) =>
        Assert.Equal(expected, events.Select(e => e.SequenceNr));

    [Fact]
    public async Task Replays_written_events_in_order_with_payload_writer_and_timestamp()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 1), Write(id, 2, 3));
        await WriteAsync(Write(id, 4, 5));

        var replayed = await ReplayAsync(id);

        AssertSequence(replayed, 1, 2, 3, 4, 5);
        Assert.All(replayed, e =>
        {
            Assert.Equal(id, e.PersistenceId);
            Assert.Equal(new TckEvent($"event {e.SequenceNr}"), e.Payload);
            Assert.Equal(WriterUuid, e.WriterUuid);
            Assert.Equal(Timestamp, e.Timestamp);
        });
    }

    [Fact]
    public async Task Replays_only_the_requested_range()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 5));

        AssertSequence(await ReplayAsync(id, from: 2, to: 4), 2, 3, 4);
        AssertSequence(await ReplayAsync(id, from: 4), 4, 5);
        AssertSequence(await ReplayAsync(id, to: 2), 1, 2);
        AssertSequence(await ReplayAsync(id, from: 6));
        AssertSequence(await ReplayAsync(id, from: 3, to: 2));
    }

    [Fact]
    public async Task Replays_at_most_max_events()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 5));

        AssertSequence(await ReplayAsync(id, max: 3), 1, 2, 3);
        AssertSequence(await ReplayAsync(id, from: 2, to: 4, max: 1), 2);
        AssertSequence(await ReplayAsync(id, max: 0));
    }

    [Fact]
    public async Task Unknown_persistence_id_has_no_events_and_highest_sequence_nr_zero()
    {
        var id = NewPersistenceId();
        Assert.Empty(await ReplayAsync(id));
        Assert.Equal(0, await Journal.ReadHighestSequenceNrAsync(id, 0));
    }

    [Fact]
    public async Task Highest_sequence_nr_is_the_last_written()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 3));
        Assert.Equal(3, await Journal.ReadHighestSequenceNrAsync(id, 0));
        await WriteAsync(Write(id, 4, 4));
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync(id, 2));
    }

    [Fact]
    public async Task Deletes_events_up_to_and_including_the_given_sequence_nr()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 5));

        await Journal.DeleteMessagesToAsync(id, 3);

        AssertSequence(await ReplayAsync(id), 4, 5);
        AssertSequence(await ReplayAsync(id, from: 1, to: 3));
    }

    [Fact]
    public async Task Highest_sequence_nr_stays_readable_after_all_events_are_deleted()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 4));

        await Journal.DeleteMessagesToAsync(id, 4);
        Assert.Empty(await ReplayAsync(id));
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync(id, 0));

        await Journal.DeleteMessagesToAsync(id, long.MaxValue);
        Assert.Equal(4, await Journal.ReadHighestSequenceNrAsync(id, 0));
        await WriteAsync(Write(id, 5, 5));
        AssertSequence(await ReplayAsync(id), 5);
    }

    [Fact]
    public async Task Rejects_an_atomic_write_with_an_unserializable_event_and_stores_the_other_writes()
    {
        var id = NewPersistenceId();
        var other = NewPersistenceId();
        var poisoned = new AtomicWrite([Event(id, 2), Event(id, 3, new TckUnregisteredEvent("not registered")), Event(id, 4)]);

        var results = await Journal.WriteMessagesAsync([Write(id, 1, 1), poisoned, Write(other, 1, 2)]);

        Assert.Null(results[0]);
        var rejection = Assert.IsAssignableFrom<PersistenceSerializationException>(results[1]);
        Assert.Contains(id, rejection.Message);
        Assert.Contains(nameof(TckUnregisteredEvent), rejection.Message);
        Assert.Null(results[2]);
        AssertSequence(await ReplayAsync(id), 1);
        AssertSequence(await ReplayAsync(other), 1, 2);
        Assert.Equal(1, await Journal.ReadHighestSequenceNrAsync(id, 0));
    }

    [Fact]
    public async Task A_duplicate_sequence_nr_is_a_failure_and_never_overwrites()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 1, 2));

        var duplicate = new AtomicWrite([Event(id, 2, new TckEvent("second writer"))]);
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteMessagesAsync([duplicate]));

        Assert.Contains(id, failure.Message);
        Assert.Equal(new TckEvent("event 2"), (await ReplayAsync(id))[1].Payload);
    }

    [Fact]
    public async Task An_atomic_write_colliding_on_its_last_event_stores_none_of_its_events()
    {
        var id = NewPersistenceId();
        await WriteAsync(Write(id, 5, 5));

        await Assert.ThrowsAnyAsync<Exception>(() => Journal.WriteMessagesAsync([Write(id, 3, 5)]));

        AssertSequence(await ReplayAsync(id), 5);
    }

    [Fact]
    public async Task Concurrent_writers_of_different_ids_are_all_stored_in_order()
    {
        var ids = Enumerable.Range(0, 40).Select(_ => NewPersistenceId()).ToArray();

        await Task.WhenAll(ids.Select(async id =>
        {
            for (var seq = 1; seq <= 25; seq++)
                await WriteAsync(Write(id, seq, seq));
        }));

        foreach (var id in ids)
            AssertSequence(await ReplayAsync(id), Enumerable.Range(1, 25).Select(i => (long)i).ToArray());
    }

    [Fact]
    public async Task Lists_every_persistence_id_with_stored_events()
    {
        var ids = Enumerable.Range(0, 3).Select(_ => NewPersistenceId()).ToArray();
        foreach (var id in ids)
            await WriteAsync(Write(id, 1, 1));
        await Journal.DeleteMessagesToAsync(ids[0], 1);

        var listed = new List<string>();
        await foreach (var id in Journal.CurrentPersistenceIdsAsync())
            listed.Add(id);

        Assert.Subset(listed.ToHashSet(), ids.ToHashSet());
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Fact]
    public async Task An_unknown_manifest_at_replay_is_an_error_naming_the_id_sequence_nr_and_manifest()
    {
        var id = NewPersistenceId();
        var newer = await CreateJournalAsync(TckSerializers.Newer());
        Assert.All(await newer.WriteMessagesAsync(
            [Write(id, 1, 1), new AtomicWrite([Event(id, 2, new TckFutureEvent("from a newer version"))])]), Assert.Null);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ReplayAsync(id));

        Assert.Contains(id, error.Message);
        Assert.Contains("2", error.Message);
        Assert.Contains(TckSerializers.FutureEventManifest, error.Message);
        Assert.True(error is UnknownManifestException || error.InnerException is UnknownManifestException,
            $"Expected an UnknownManifestException (possibly wrapped), got {error}");
        AssertSequence(await ReplayAsync(id, to: 1), 1);
    }
}
