using Engine.Actors.Persistence;
using Xunit;

namespace Engine.TestKit.Tck;

/// <summary>
/// The snapshot store conformance suite (modelled on Akka's TCK <c>SnapshotStoreSpec</c>). Derive once per
/// implementation and implement <see cref="CreateSnapshotStoreAsync"/>.
/// </summary>
public abstract class SnapshotStoreSpec : PersistenceSpec
{
    private ISnapshotStore? _store;

    protected ISnapshotStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>Opens a snapshot store over this test's storage that serializes with <paramref name="serializer"/>.</summary>
    protected abstract Task<ISnapshotStore> CreateSnapshotStoreAsync(IPersistenceSerializer serializer);

    public override async Task InitializeAsync() => _store = await CreateSnapshotStoreAsync(TckSerializers.Current());

    private async Task SaveAsync(string id, params long[] sequenceNrs)
    {
        foreach (var seq in sequenceNrs)
            await Store.SaveAsync(new SnapshotMetadata(id, seq, Timestamp.AddSeconds(seq)), new TckSnapshot($"state at {seq}", (int)seq));
    }

    [Fact]
    public async Task Loads_nothing_when_no_snapshot_exists()
    {
        Assert.Null(await Store.LoadAsync(NewPersistenceId(), long.MaxValue));
    }

    [Fact]
    public async Task Loads_the_newest_snapshot_with_its_metadata()
    {
        var id = NewPersistenceId();
        await SaveAsync(id, 10, 30, 20);

        var loaded = await Store.LoadAsync(id, long.MaxValue);

        Assert.NotNull(loaded);
        Assert.Equal(new SnapshotMetadata(id, 30, Timestamp.AddSeconds(30)), loaded.Metadata);
        Assert.Equal(new TckSnapshot("state at 30", 30), loaded.Snapshot);
    }

    [Fact]
    public async Task Loads_the_newest_snapshot_at_or_below_the_max_sequence_nr()
    {
        var id = NewPersistenceId();
        await SaveAsync(id, 10, 20, 30);

        Assert.Equal(20, (await Store.LoadAsync(id, 29))?.Metadata.SequenceNr);
        Assert.Equal(20, (await Store.LoadAsync(id, 20))?.Metadata.SequenceNr);
        Assert.Null(await Store.LoadAsync(id, 9));
    }

    [Fact]
    public async Task Saving_the_same_sequence_nr_again_replaces_the_snapshot()
    {
        var id = NewPersistenceId();
        await SaveAsync(id, 10);
        await Store.SaveAsync(new SnapshotMetadata(id, 10, Timestamp), new TckSnapshot("replaced", 99));

        var loaded = await Store.LoadAsync(id, long.MaxValue);

        Assert.Equal(new TckSnapshot("replaced", 99), loaded?.Snapshot);
        Assert.Equal(Timestamp, loaded?.Metadata.Timestamp);
    }

    [Fact]
    public async Task Deletes_snapshots_up_to_the_max_sequence_nr_and_keeps_newer_ones()
    {
        var id = NewPersistenceId();
        var other = NewPersistenceId();
        await SaveAsync(id, 10, 20, 30);
        await SaveAsync(other, 10);

        await Store.DeleteAsync(id, 20);

        Assert.Null(await Store.LoadAsync(id, 29));
        Assert.Equal(30, (await Store.LoadAsync(id, long.MaxValue))?.Metadata.SequenceNr);
        Assert.Equal(10, (await Store.LoadAsync(other, long.MaxValue))?.Metadata.SequenceNr);
    }

    [Fact]
    public async Task Saving_an_unregistered_snapshot_type_fails_with_a_serialization_error()
    {
        var id = NewPersistenceId();
        await Assert.ThrowsAnyAsync<PersistenceSerializationException>(
            () => Store.SaveAsync(new SnapshotMetadata(id, 1, Timestamp), new TckUnregisteredEvent("not registered")));
        Assert.Null(await Store.LoadAsync(id, long.MaxValue));
    }
}
