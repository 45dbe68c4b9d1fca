using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Fencing;
using Engine.Persistence.Sql.Options;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>
/// One test's database: a fresh SQLite file in a temp directory, or a fresh schema on the fixture's PostgreSQL
/// server. Tracks what it opened and closes it (and deletes the directory) on dispose.
/// </summary>
internal sealed class TestStorage : IAsyncDisposable
{
    private readonly List<SqlPersistence> _opened = [];
    private readonly string? _directory;

    private TestStorage(SqlPersistenceOptions options, string? directory)
    {
        Options = options;
        _directory = directory;
    }

    public SqlPersistenceOptions Options { get; }

    /// <summary>The SQLite file (only for SQLite storage).</summary>
    public string SqlitePath => Options.Sqlite.Path;

    public static TestStorage Sqlite()
    {
        var directory = Path.Combine(Path.GetTempPath(), "engine-journal-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(directory);
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Sqlite };
        options.Sqlite.Path = Path.Combine(directory, "journal.db");
        return new TestStorage(options, directory);
    }

    public static TestStorage Postgresql(string connectionString)
    {
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Postgresql };
        options.Postgresql.ConnectionString = connectionString;
        options.Postgresql.Schema = "t_" + Guid.NewGuid().ToString("N")[..16];
        return new TestStorage(options, null);
    }

    public async Task<SqlPersistence> OpenAsync(IPersistenceSerializer serializer, IJournalFence? fence = null)
    {
        var persistence = await SqlPersistence.OpenAsync(Options, serializer, fence);
        _opened.Add(persistence);
        return persistence;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var persistence in _opened)
            await persistence.DisposeAsync();
        if (_directory is not null)
            Directory.Delete(_directory, recursive: true);
    }
}
