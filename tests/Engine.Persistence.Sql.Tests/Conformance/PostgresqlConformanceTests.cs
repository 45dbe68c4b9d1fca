using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.PostgreSql;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.Conformance;

[Collection(PostgresqlCollection.Name)]
public sealed class PostgresqlJournalConformanceTests(PostgreSqlServerFixture server) : JournalSpec
{
    private readonly TestStorage _storage = TestStorage.Postgresql(server.ConnectionString);

    protected override async Task<IJournal> CreateJournalAsync(IPersistenceSerializer serializer) =>
        (await _storage.OpenAsync(serializer)).Journal;

    protected override ValueTask DisposeStorageAsync() => _storage.DisposeAsync();
}

[Collection(PostgresqlCollection.Name)]
public sealed class PostgresqlSnapshotStoreConformanceTests(PostgreSqlServerFixture server) : SnapshotStoreSpec
{
    private readonly TestStorage _storage = TestStorage.Postgresql(server.ConnectionString);

    protected override async Task<ISnapshotStore> CreateSnapshotStoreAsync(IPersistenceSerializer serializer) =>
        (await _storage.OpenAsync(serializer)).SnapshotStore;

    protected override ValueTask DisposeStorageAsync() => _storage.DisposeAsync();
}
