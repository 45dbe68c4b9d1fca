using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.PostgreSql;
using Engine.TestKit.Tck;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engine.Persistence.Sql.Tests.Schema;

[Collection(PostgresqlCollection.Name)]
public sealed class SchemaInitializationTests(PostgreSqlServerFixture server)
{
    private TestStorage Storage(string provider) =>
        provider == "sqlite" ? TestStorage.Sqlite() : TestStorage.Postgresql(server.ConnectionString);

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task Many_journals_opening_a_fresh_database_at_once_all_succeed_and_share_it(string provider)
    {
        await using var storage = Storage(provider);

        var opened = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => storage.OpenAsync(TckSerializers.Current()))));
        for (var i = 0; i < opened.Length; i++)
            Assert.All(await opened[i].Journal.WriteMessagesAsync(Events.One($"starter-{i}", 1)), Assert.Null);

        foreach (var persistence in opened)
            Assert.Equal([1L], await Events.SequenceNrsAsync(persistence.Journal, $"starter-{opened.Length - 1}"));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgresql")]
    public async Task A_database_written_by_a_newer_schema_version_is_refused_with_advice(string provider)
    {
        await using var storage = Storage(provider);
        await storage.OpenAsync(TckSerializers.Current());
        await RecordSchemaVersionAsync(storage, provider, 2);

        var error = await Assert.ThrowsAsync<PersistenceStoreException>(() => storage.OpenAsync(TckSerializers.Current()));

        Assert.Contains("schema version 2", error.Message);
        Assert.Contains("newer engine version", error.Message);
    }

    private static async Task RecordSchemaVersionAsync(TestStorage storage, string provider, int version)
    {
        if (provider == "sqlite")
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storage.SqlitePath, Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = new SqliteCommand($"INSERT INTO engine_schema_version VALUES ({version}, 0)", connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new NpgsqlConnection(storage.Options.Postgresql.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"INSERT INTO \"{storage.Options.Postgresql.Schema}\".engine_schema_version VALUES ({version}, 0)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
