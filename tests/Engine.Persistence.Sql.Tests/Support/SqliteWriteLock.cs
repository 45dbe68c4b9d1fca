using Microsoft.Data.Sqlite;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>Another connection holding SQLite's write lock on a journal file (as a second process would) until disposed.</summary>
internal sealed class SqliteWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;

    public SqliteWriteLock(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
