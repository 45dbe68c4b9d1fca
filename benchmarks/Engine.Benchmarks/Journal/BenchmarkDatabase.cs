using Engine.Actors.Persistence;
using Engine.Persistence.Sql;
using Engine.Persistence.Sql.Options;
using Engine.TestKit.PostgreSql;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// A durable database for one benchmark case: a SQLite file with synchronous=FULL, or a throwaway PostgreSQL
/// cluster with fsync and synchronous_commit on. Both with the default settings unless a case changes them.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly PostgreSqlServer? _server;

    private BenchmarkDatabase(SqlPersistence persistence, string? directory, PostgreSqlServer? server)
    {
        Persistence = persistence;
        _directory = directory;
        _server = server;
    }

    public SqlPersistence Persistence { get; }

    public IJournal Journal => Persistence.Journal;

    public static async Task<BenchmarkDatabase> StartAsync(PersistenceProvider provider, Action<SqlPersistenceOptions>? configure = null)
    {
        var options = new SqlPersistenceOptions { Provider = provider };
        configure?.Invoke(options);
        if (provider == PersistenceProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "engine-bench-" + Guid.NewGuid().ToString("N")[..12]);
            options.Sqlite.Path = Path.Combine(directory, "journal.db");
            return new BenchmarkDatabase(await SqlPersistence.OpenAsync(options, BenchmarkSerializer.Create()), directory, null);
        }
        var server = await PostgreSqlServer.StartAsync(durable: true);
        options.Postgresql.ConnectionString = await server.CreateDatabaseAsync("bench");
        return new BenchmarkDatabase(await SqlPersistence.OpenAsync(options, BenchmarkSerializer.Create()), null, server);
    }

    public async ValueTask DisposeAsync()
    {
        await Persistence.DisposeAsync();
        if (_server is not null)
            await _server.DisposeAsync();
        if (_directory is not null)
            Directory.Delete(_directory, recursive: true);
    }
}
