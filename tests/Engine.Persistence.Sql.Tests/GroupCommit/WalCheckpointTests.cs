using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.GroupCommit;

/// <summary><c>engine.persistence.sqlite.wal-checkpoint-size</c> on a real file: it bounds the write-ahead log.</summary>
public sealed class WalCheckpointTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public async Task The_log_is_copied_into_the_database_file_each_time_it_reaches_the_checkpoint_size()
    {
        await using var storage = TestStorage.Sqlite();
        storage.Options.Sqlite.WalCheckpointSize = 1 * MiB;
        var journal = (await storage.OpenAsync(TckSerializers.Current())).Journal;
        var payload = new string('c', 16 * 1024);

        var largestLog = 0L;
        for (var seq = 1L; seq <= 300; seq++)
        {
            Assert.All(await journal.WriteMessagesAsync(Events.One("checkpointed", seq, payload)), Assert.Null);
            largestLog = Math.Max(largestLog, new FileInfo(storage.SqlitePath + "-wal").Length);
        }

        // 4.8 MiB were written; the log never held much more than the checkpoint size, the database file holds the rest.
        Assert.InRange(largestLog, 1, 2 * MiB);
        Assert.True(new FileInfo(storage.SqlitePath).Length > 4 * MiB, $"The database file has {new FileInfo(storage.SqlitePath).Length} bytes.");
        Assert.Equal(300, (await Events.SequenceNrsAsync(journal, "checkpointed")).Count);
    }
}
