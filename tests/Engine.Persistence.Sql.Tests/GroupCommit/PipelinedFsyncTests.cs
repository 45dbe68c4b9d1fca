using Engine.Persistence.Sql.Diagnostics;
using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Options;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.Storage;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.GroupCommit;

/// <summary>
/// SQLite's pipelined fsync on real files: with <c>synchronous = full</c> the journal fsyncs the write-ahead log itself
/// after each COMMIT and acknowledges a batch only after that; a failed fsync fails its writers and every later write.
/// </summary>
public sealed class PipelinedFsyncTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_batch_is_acknowledged_only_after_its_log_was_fsynced_and_concurrent_batches_share_fsyncs()
    {
        await using var storage = TestStorage.Sqlite();
        var persistence = await storage.OpenAsync(TckSerializers.Current());
        using var flushes = new InstrumentRecorder<double>(persistence.Metrics, PersistenceMetrics.FlushDurationInstrument);
        using var batches = new InstrumentRecorder<int>(persistence.Metrics, PersistenceMetrics.BatchSizeInstrument);
        var acknowledgedBeforeAnyFsync = 0;

        await Task.WhenAll(Enumerable.Range(0, 100).Select(async writer =>
        {
            for (var seq = 1L; seq <= 5; seq++)
            {
                await persistence.Journal.WriteMessagesAsync(Events.One($"pipelined-{writer}", seq));
                if (flushes.Count == 0)
                    Interlocked.Increment(ref acknowledgedBeforeAnyFsync);
            }
        })).WaitAsync(Generous);

        Assert.Equal(0, acknowledgedBeforeAnyFsync);
        Assert.InRange(flushes.Count, 1, batches.Count);
        for (var writer = 0; writer < 100; writer++)
            Assert.Equal([1L, 2, 3, 4, 5], await Events.SequenceNrsAsync(persistence.Journal, $"pipelined-{writer}"));
    }

    [Fact]
    public async Task A_lone_writer_is_fsynced_by_the_writer_itself_without_a_thread_switch()
    {
        await using var storage = TestStorage.Sqlite();
        var persistence = await storage.OpenAsync(TckSerializers.Current());
        var fsyncThreads = new System.Collections.Concurrent.ConcurrentBag<string?>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter, persistence.Metrics.Meter) && instrument.Name == PersistenceMetrics.FlushDurationInstrument)
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, _, _, _) => fsyncThreads.Add(Thread.CurrentThread.Name));
        listener.Start();

        for (var seq = 1L; seq <= 20; seq++)
            await persistence.Journal.WriteMessagesAsync(Events.One("alone", seq)).WaitAsync(Generous);

        Assert.Equal(20, fsyncThreads.Count);
        Assert.DoesNotContain("Journal WAL fsync", fsyncThreads);
    }

    [Theory]
    [InlineData(SqliteSynchronous.Full, false)]
    [InlineData(SqliteSynchronous.Normal, true)]
    public async Task Without_the_pipelined_fsync_the_journal_syncs_nothing_itself(SqliteSynchronous synchronous, bool pipelinedFsync)
    {
        await using var storage = TestStorage.Sqlite();
        storage.Options.Sqlite.Synchronous = synchronous;
        storage.Options.Sqlite.PipelinedFsync = pipelinedFsync;
        var persistence = await storage.OpenAsync(TckSerializers.Current());
        using var flushes = new InstrumentRecorder<double>(persistence.Metrics, PersistenceMetrics.FlushDurationInstrument);

        await Task.WhenAll(Enumerable.Range(1, 20).Select(seq => persistence.Journal.WriteMessagesAsync(Events.One($"plain-{seq}", 1)))).WaitAsync(Generous);

        Assert.Equal(0, flushes.Count);
        Assert.Equal([1L], await Events.SequenceNrsAsync(persistence.Journal, "plain-20"));
    }

    [RootFact]
    public async Task A_failed_fsync_fails_its_writers_and_every_later_write_with_advice()
    {
        using var volume = new ThinVolume();
        await using var storage = TestStorage.Sqlite();
        storage.Options.Sqlite.Path = Path.Combine(volume.Path, "journal.db");
        var journal = (await storage.OpenAsync(TckSerializers.Current())).Journal;
        Assert.All(await journal.WriteMessagesAsync(Events.One("before", 1)), Assert.Null);

        volume.ExhaustBackingStore();
        var payload = new string('w', 256 * 1024);
        JournalWriteException? failure = null;
        // Pages already on the image can still be rewritten; a few fresh 256 KiB writes reach unbacked ones.
        for (var seq = 1L; seq <= 20 && failure is null; seq++)
            failure = await Record(() => journal.WriteMessagesAsync(Events.One("unconfirmed", seq, payload)));

        Assert.NotNull(failure);
        Assert.Contains("unconfirmed", failure.PersistenceIds);
        Assert.Contains($"the fsync of the write-ahead log '{storage.SqlitePath}-wal' failed", failure.Message);
        Assert.Contains("restart the engine", failure.Message);
        var later = await Assert.ThrowsAsync<JournalWriteException>(() => journal.WriteMessagesAsync(Events.One("after", 1)).WaitAsync(Generous));
        Assert.Contains("after", later.PersistenceIds);
        Assert.Contains("an earlier fsync of the write-ahead log", later.Message);
    }

    private static async Task<JournalWriteException?> Record(Func<Task> write)
    {
        try
        {
            await write().WaitAsync(Generous);
            return null;
        }
        catch (JournalWriteException e)
        {
            return e;
        }
    }
}
