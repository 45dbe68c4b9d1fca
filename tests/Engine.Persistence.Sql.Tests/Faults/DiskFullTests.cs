using Engine.Persistence.Sql.Errors;
using Engine.Persistence.Sql.Options;
using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.Storage;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.Faults;

/// <summary>
/// A journal on a really full disk (a 2 MiB tmpfs): the write that does not fit fails with a message naming the
/// persistence id and saying what to do; everything committed before stays readable; once space is freed the same
/// journal accepts writes again.
/// </summary>
public sealed class DiskFullTests
{
    [RootFact]
    public async Task A_full_disk_fails_the_write_with_advice_and_loses_nothing_committed()
    {
        using var volume = new TinyVolume();
        var options = new SqlPersistenceOptions { Provider = PersistenceProvider.Sqlite };
        options.Sqlite.Path = Path.Combine(volume.Path, "journal.db");
        await using var persistence = await SqlPersistence.OpenAsync(options, TckSerializers.Current());
        var journal = persistence.Journal;
        var filler = Path.Combine(volume.Path, "filler.bin");
        await File.WriteAllBytesAsync(filler, new byte[1024 * 1024]);
        var payload = new string('p', 32 * 1024);

        JournalWriteException? full = null;
        var committed = 0L;
        for (var seq = 1L; seq <= 200 && full is null; seq++)
        {
            try
            {
                Assert.All(await journal.WriteMessagesAsync(Events.One("filling", seq, payload)), Assert.Null);
                committed = seq;
            }
            catch (JournalWriteException e)
            {
                full = e;
            }
        }

        Assert.NotNull(full);
        Assert.True(committed > 0, "nothing fitted before the disk was full");
        Assert.Contains("filling", full.PersistenceIds);
        Assert.Contains("disk full", full.Message);
        Assert.Contains("Free space", full.Message);
        Assert.Contains(options.Sqlite.Path, full.Message);
        Assert.Equal(Enumerable.Range(1, (int)committed).Select(i => (long)i), await Events.SequenceNrsAsync(journal, "filling"));

        File.Delete(filler);
        Assert.All(await journal.WriteMessagesAsync(Events.One("filling", committed + 1, payload)), Assert.Null);
        Assert.Equal(Enumerable.Range(1, (int)committed + 1).Select(i => (long)i), await Events.SequenceNrsAsync(journal, "filling"));
    }
}
