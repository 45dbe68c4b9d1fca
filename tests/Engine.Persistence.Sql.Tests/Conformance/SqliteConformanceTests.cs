using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.Conformance;

public sealed class SqliteJournalConformanceTests : JournalSpec
{
    private readonly TestStorage _storage = TestStorage.Sqlite();

    protected override async Task<IJournal> CreateJournalAsync(IPersistenceSerializer serializer) =>
        (await _storage.OpenAsync(serializer)).Journal;

    protected override ValueTask DisposeStorageAsync() => _storage.DisposeAsync();
}

public sealed class SqliteSnapshotStoreConformanceTests : SnapshotStoreSpec
{
    private readonly TestStorage _storage = TestStorage.Sqlite();

    protected override async Task<ISnapshotStore> CreateSnapshotStoreAsync(IPersistenceSerializer serializer) =>
        (await _storage.OpenAsync(serializer)).SnapshotStore;

    protected override ValueTask DisposeStorageAsync() => _storage.DisposeAsync();
}
