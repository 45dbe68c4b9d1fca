using Engine.Actors.Persistence;
using Xunit;

namespace Engine.TestKit.Tck;

/// <summary>What the journal and snapshot suites share: fresh persistence ids, event builders, storage clean-up.</summary>
public abstract class PersistenceSpec : IAsyncLifetime
{
    /// <summary>Whole milliseconds, the precision every journal keeps.</summary>
    protected static readonly DateTimeOffset Timestamp = new(2026, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    protected const string WriterUuid = "writer-1";

    /// <summary>A persistence id no other test uses, so suites may share storage between tests.</summary>
    protected static string NewPersistenceId(string kind = "tck") => $"{kind}-{Guid.NewGuid():N}";

    protected static PersistentRepresentation Event(string persistenceId, long sequenceNr, object? payload = null) =>
        new(persistenceId, sequenceNr, payload ?? new TckEvent($"event {sequenceNr}"), WriterUuid, Timestamp);

    /// <summary>One atomic write holding the events <paramref name="from"/>..<paramref name="to"/>.</summary>
    protected static AtomicWrite Write(string persistenceId, long from, long to) =>
        new(Enumerable.Range((int)from, (int)(to - from + 1)).Select(seq => Event(persistenceId, seq)).ToArray());

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Releases the storage the test created (close files, drop connections).</summary>
    protected virtual ValueTask DisposeStorageAsync() => ValueTask.CompletedTask;

    public async Task DisposeAsync() => await DisposeStorageAsync();
}
