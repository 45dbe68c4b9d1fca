using Engine.Actors.Persistence;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.Tck;
using Microsoft.Data.Sqlite;

namespace Engine.Persistence.Sql.Tests.Faults;

/// <summary>Real storage faults on real SQLite files: locked, corrupt rows, a file that is not a database.</summary>
public sealed class StorageFaultTests : IAsyncLifetime
{
    private readonly TestStorage _storage = TestStorage.Sqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _storage.SqlitePath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task A_locked_database_fails_every_caller_of_the_batch_with_advice_and_the_journal_recovers()
    {
        _storage.Options.Sqlite.BusyTimeout = TimeSpan.FromMilliseconds(200);
        var journal = (await _storage.OpenAsync(TckSerializers.Current())).Journal;
        var ids = Enumerable.Range(0, 20).Select(i => $"locked-{i}").ToArray();

        using (new SqliteWriteLock(_storage.SqlitePath))
        {
            var writes = ids.Select(id => journal.WriteMessagesAsync(Events.One(id, 1))).ToArray();
            for (var i = 0; i < ids.Length; i++)
            {
                var failure = await Assert.ThrowsAsync<JournalWriteException>(() => writes[i].WaitAsync(TimeSpan.FromSeconds(60)));
                Assert.Contains(ids[i], failure.PersistenceIds);
                Assert.Contains("database is locked", failure.Message);
                Assert.Contains("busy-timeout", failure.Message);
                Assert.Contains(ids[i], failure.Message);
            }
        }

        foreach (var id in ids)
            Assert.All(await journal.WriteMessagesAsync(Events.One(id, 1)), Assert.Null);
        foreach (var id in ids)
            Assert.Equal([1L], await Events.SequenceNrsAsync(journal, id));
    }

    [Fact]
    public async Task A_truncated_payload_is_a_replay_error_naming_the_id_sequence_nr_and_manifest()
    {
        var journal = (await _storage.OpenAsync(TckSerializers.Current())).Journal;
        foreach (var seq in new long[] { 1, 2, 3 })
            await journal.WriteMessagesAsync(Events.One("damaged", seq));
        Execute("UPDATE event_journal SET payload = substr(payload, 1, 5) WHERE persistence_id = 'damaged' AND sequence_nr = 2");

        var replayed = new List<long>();
        var error = await Assert.ThrowsAsync<PersistenceReplayException>(() =>
            journal.ReplayMessagesAsync("damaged", 1, long.MaxValue, long.MaxValue, e => replayed.Add(e.SequenceNr)));

        Assert.Equal([1L], replayed);
        Assert.Equal(("damaged", 2L, TckSerializers.EventManifest), (error.PersistenceId, error.SequenceNr, error.Manifest));
        Assert.Contains("event 2 of 'damaged'", error.Message);
        Assert.Contains(TckSerializers.EventManifest, error.Message);
        Assert.IsAssignableFrom<PersistenceSerializationException>(error.InnerException);
    }

    [Fact]
    public async Task A_corrupt_snapshot_is_an_error_naming_the_id_and_sequence_nr()
    {
        var store = (await _storage.OpenAsync(TckSerializers.Current())).SnapshotStore;
        await store.SaveAsync(new SnapshotMetadata("snap", 7, DateTimeOffset.UnixEpoch), new TckSnapshot("ok", 7));
        Execute("UPDATE snapshot SET payload = X'7B22' WHERE persistence_id = 'snap'");

        var error = await Assert.ThrowsAsync<PersistenceReplayException>(() => store.LoadAsync("snap", long.MaxValue));

        Assert.Equal(("snap", 7L), (error.PersistenceId, error.SequenceNr));
        Assert.Contains("'snap'", error.Message);
        Assert.Contains("delete the snapshot", error.Message);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_with_advice()
    {
        await File.WriteAllTextAsync(_storage.SqlitePath, new string('x', 8192));

        var error = await Assert.ThrowsAsync<PersistenceStoreException>(() => _storage.OpenAsync(TckSerializers.Current()));

        Assert.Contains(_storage.SqlitePath, error.Message);
        Assert.Contains("not a journal database", error.Message);
    }
}
