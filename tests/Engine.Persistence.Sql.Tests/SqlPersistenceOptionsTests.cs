using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Options;

namespace Engine.Persistence.Sql.Tests;

public sealed class SqlPersistenceOptionsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_documented_settings()
    {
        var options = new SqlPersistenceOptions();
        options.Validate();

        Assert.Equal(PersistenceProvider.Sqlite, options.Provider);
        Assert.Equal(500, options.GroupCommit.MaxBatchSize);
        Assert.Equal(10_000, options.GroupCommit.QueueCapacity);
        Assert.Equal("engine-data/journal.db", options.Sqlite.Path);
        Assert.Equal(SqliteSynchronous.Full, options.Sqlite.Synchronous);
        Assert.Equal(TimeSpan.FromSeconds(5), options.Sqlite.BusyTimeout);
        Assert.True(options.Sqlite.PipelinedFsync);
        Assert.Equal(64L * 1024 * 1024, options.Sqlite.CacheSize);
        Assert.Equal(64L * 1024 * 1024, options.Sqlite.WalCheckpointSize);
        Assert.Equal("public", options.Postgresql.Schema);
        Assert.Equal(2, options.Postgresql.Writers);
    }

    [Fact]
    public void Every_bad_setting_is_reported_by_its_key()
    {
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Postgresql };
        options.GroupCommit.MaxBatchSize = 0;
        options.GroupCommit.QueueCapacity = -1;
        options.Postgresql.Schema = "bad-schema; DROP";
        options.Postgresql.Writers = 0;

        var error = Assert.Throws<InvalidPersistenceOptionsException>(options.Validate);

        Assert.Equal(5, error.Errors.Count);
        foreach (var key in new[] { "max-batch-size", "queue-capacity", "connection-string", "postgresql.schema", "postgresql.writers" })
            Assert.Contains(key, error.Message);
    }

    [Fact]
    public void Sqlite_settings_are_checked_when_sqlite_is_the_provider()
    {
        var options = new SqlPersistenceOptions();
        options.Sqlite.Path = "";
        options.Sqlite.BusyTimeout = TimeSpan.Zero;
        options.Sqlite.CacheSize = 4096;
        options.Sqlite.WalCheckpointSize = 0;

        var error = Assert.Throws<InvalidPersistenceOptionsException>(options.Validate);

        Assert.Equal(4, error.Errors.Count);
        Assert.Contains("sqlite.path", error.Message);
        Assert.Contains("sqlite.busy-timeout", error.Message);
        Assert.Contains("sqlite.cache-size must be between 1MiB and 16GiB (got 4096 bytes)", error.Message);
        Assert.Contains("sqlite.wal-checkpoint-size must be between 1MiB and 16GiB (got 0 bytes)", error.Message);
    }

    [Fact]
    public void A_malformed_connection_string_is_reported_without_its_content()
    {
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Postgresql };
        options.Postgresql.ConnectionString = "Host=db;Password=hunter2;Bogus Keyword=1";

        var error = Assert.Throws<InvalidPersistenceOptionsException>(options.Validate);

        Assert.Contains("connection-string", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public async Task Opening_validates_the_options_first()
    {
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Postgresql };
        await Assert.ThrowsAsync<InvalidPersistenceOptionsException>(() => SqlPersistence.OpenAsync(options, new JsonPersistenceSerializer()));
    }
}
