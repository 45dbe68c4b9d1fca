using Engine.Persistence.Sql.Tests.Support;
using Engine.TestKit.PostgreSql;
using Engine.TestKit.Tck;

namespace Engine.Persistence.Sql.Tests.Crash;

/// <summary>
/// A child process appends events for several ids and is killed with SIGKILL at a random moment; a new journal
/// then finds every acknowledged event, at most the one unacknowledged write each id had in flight, in order, without gaps.
/// </summary>
[Collection(PostgresqlCollection.Name)]
public sealed class CrashRecoveryTests(PostgreSqlServerFixture server)
{
    private const int Actors = 8;
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("sqlite", 11)]
    [InlineData("sqlite", 12)]
    [InlineData("postgresql", 13)]
    public async Task Every_acknowledged_event_survives_a_SIGKILL_and_nothing_beyond_the_pending_write(string provider, int seed)
    {
        await using var storage = provider == "sqlite" ? TestStorage.Sqlite() : TestStorage.Postgresql(server.ConnectionString);
        string[] arguments = provider == "sqlite"
            ? ["sqlite", storage.SqlitePath, $"{Actors}"]
            : ["postgresql", storage.Options.Postgresql.ConnectionString, storage.Options.Postgresql.Schema, $"{Actors}"];
        var killAfter = new Random(seed).Next(200, 2000);

        IReadOnlyList<(string Id, long SequenceNr)> acknowledged;
        using (var child = new CrashWriterProcess(arguments))
        {
            await child.Ready.WaitAsync(Generous);
            var deadline = DateTime.UtcNow + Generous;
            while (child.AcknowledgedCount < killAfter && !child.HasExited && DateTime.UtcNow < deadline)
                await Task.Delay(5);
            Assert.False(child.HasExited, $"The crash writer stopped by itself: {child.Errors}");
            Assert.True(child.AcknowledgedCount >= killAfter, "The crash writer acknowledged too few writes in time.");
            await child.KillAsync();
            acknowledged = child.Acknowledged;
        }

        var journal = (await storage.OpenAsync(TckSerializers.Current())).Journal;
        for (var actor = 0; actor < Actors; actor++)
        {
            var id = $"crash-{actor}";
            var acks = acknowledged.Where(a => a.Id == id).Select(a => a.SequenceNr).ToArray();
            Assert.Equal(Enumerable.Range(1, acks.Length).Select(i => (long)i), acks);
            var stored = await Events.SequenceNrsAsync(journal, id);
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored);
            Assert.InRange(stored.Count, acks.Length, acks.Length + 1);
        }
    }
}
