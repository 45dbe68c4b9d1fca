using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.GroupCommit;

/// <summary>
/// Group commit on a real SQLite file. A second connection holding the write lock stands in for a slow commit,
/// so the tests control when batches can commit without timing assumptions.
/// </summary>
public sealed class GroupCommitTests : IAsyncLifetime
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly TestStorage _storage = TestStorage.Sqlite();
    private SqlPersistence _persistence = null!;

    public async Task InitializeAsync()
    {
        _storage.Options.Sqlite.BusyTimeout = Generous;
        _persistence = await _storage.OpenAsync(TckSerializers.Current());
    }

    public Task DisposeAsync() => _storage.DisposeAsync().AsTask();

    [Fact]
    public async Task Concurrent_writers_share_transactions_and_complete_only_after_their_commit()
    {
        using var batches = new InstrumentRecorder<int>(_persistence.Metrics, PersistenceMetrics.BatchSizeInstrument);
        var ids = Enumerable.Range(0, 200).Select(i => $"writer-{i}").ToArray();
        Task[] writes;
        using (new SqliteWriteLock(_storage.SqlitePath))
        {
            writes = ids.Select(id => _persistence.Journal.WriteMessagesAsync(Events.One(id, 1))).ToArray<Task>();
            // Nothing can commit while the lock is held, so no caller may have been told "stored".
            await Task.WhenAny(Task.WhenAll(writes), Task.Delay(TimeSpan.FromMilliseconds(300)));
            Assert.DoesNotContain(writes, w => w.IsCompleted);
        }
        await Task.WhenAll(writes).WaitAsync(Generous);

        Assert.Equal(200, batches.Values.Sum());
        Assert.True(batches.Values.Count < 10, $"Expected a few shared transactions, got {batches.Values.Count}: {string.Join(", ", batches.Values)}");
        foreach (var id in ids)
            Assert.Equal([1L], await Events.SequenceNrsAsync(_persistence.Journal, id));
    }

    [Fact]
    public async Task A_duplicate_in_a_batch_fails_only_its_own_caller()
    {
        var journal = _persistence.Journal;
        await journal.WriteMessagesAsync(Events.One("taken", 1, "first writer"));
        Task first, duplicate;
        Task[] others;
        using (new SqliteWriteLock(_storage.SqlitePath))
        {
            first = journal.WriteMessagesAsync(Events.One("good-first", 1));
            duplicate = journal.WriteMessagesAsync(Events.One("taken", 1, "second writer"));
            others = Enumerable.Range(0, 50).Select(i => journal.WriteMessagesAsync(Events.One($"good-{i}", 1))).ToArray<Task>();
        }

        var failure = await Assert.ThrowsAsync<DuplicateSequenceNumberException>(() => duplicate.WaitAsync(Generous));
        await Task.WhenAll([first, .. others]).WaitAsync(Generous);

        Assert.Equal("taken", failure.PersistenceId);
        Assert.Contains("another writer", failure.Message);
        var stored = new List<string>();
        await journal.ReplayMessagesAsync("taken", 1, 1, 1, e => stored.Add(((TckEvent)e.Payload).Text));
        Assert.Equal(["first writer"], stored);
        foreach (var id in Enumerable.Range(0, 50).Select(i => $"good-{i}").Append("good-first"))
            Assert.Equal([1L], await Events.SequenceNrsAsync(journal, id));
    }

    [Fact]
    public async Task A_caller_waiting_on_a_full_queue_can_cancel_and_its_events_are_not_stored()
    {
        await using var storage = TestStorage.Sqlite();
        storage.Options.Sqlite.BusyTimeout = Generous;
        storage.Options.GroupCommit.QueueCapacity = 1;
        storage.Options.GroupCommit.MaxBatchSize = 1;
        var journal = (await storage.OpenAsync(TckSerializers.Current())).Journal;
        Task[] queued;
        Task waiting;
        using (new SqliteWriteLock(storage.SqlitePath))
        {
            // The blocked writer holds one write (batches of one), the queue one more: later callers wait for room.
            queued = Enumerable.Range(0, 3).Select(i => journal.WriteMessagesAsync(Events.One($"queued-{i}", 1))).ToArray<Task>();
            using var cancel = new CancellationTokenSource();
            waiting = journal.WriteMessagesAsync(Events.One("cancelled", 1), cancel.Token);
            Assert.False(waiting.IsCompleted);
            cancel.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(Generous));
        }
        await Task.WhenAll(queued).WaitAsync(Generous);

        Assert.Empty(await Events.SequenceNrsAsync(journal, "cancelled"));
        for (var i = 0; i < queued.Length; i++)
            Assert.Equal([1L], await Events.SequenceNrsAsync(journal, $"queued-{i}"));
    }

    [Fact]
    public async Task Disposing_commits_queued_writes_and_refuses_later_ones()
    {
        await using var storage = TestStorage.Sqlite();
        storage.Options.Sqlite.BusyTimeout = Generous;
        var persistence = await SqlPersistence.OpenAsync(storage.Options, TckSerializers.Current());
        Task[] queued;
        ValueTask disposing;
        using (new SqliteWriteLock(storage.SqlitePath))
        {
            queued = Enumerable.Range(0, 10).Select(i => persistence.Journal.WriteMessagesAsync(Events.One($"before-{i}", 1))).ToArray<Task>();
            disposing = persistence.DisposeAsync();
        }
        await disposing.AsTask().WaitAsync(Generous);
        await Task.WhenAll(queued).WaitAsync(Generous);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => persistence.Journal.WriteMessagesAsync(Events.One("after", 1)));
        var reopened = await storage.OpenAsync(TckSerializers.Current());
        for (var i = 0; i < 10; i++)
            Assert.Equal([1L], await Events.SequenceNrsAsync(reopened.Journal, $"before-{i}"));
    }
}
