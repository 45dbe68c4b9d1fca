using Engine.Actors.Persistence;
using Engine.TestKit.Tck;

namespace Engine.Actors.Tests.Persistence;

/// <summary>The journal conformance suite (Akka's TCK JournalSpec) against the in-memory journal.</summary>
public sealed class MemoryJournalConformanceTests : JournalSpec
{
    private MemoryJournal? _storage;

    protected override Task<IJournal> CreateJournalAsync(IPersistenceSerializer serializer)
    {
        _storage = _storage?.Reopen(serializer) ?? new MemoryJournal(serializer);
        return Task.FromResult<IJournal>(_storage);
    }
}

/// <summary>The snapshot store conformance suite (Akka's TCK SnapshotStoreSpec) against the in-memory store.</summary>
public sealed class MemorySnapshotStoreConformanceTests : SnapshotStoreSpec
{
    protected override Task<ISnapshotStore> CreateSnapshotStoreAsync(IPersistenceSerializer serializer) =>
        Task.FromResult<ISnapshotStore>(new MemorySnapshotStore(serializer));
}
