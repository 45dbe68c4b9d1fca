using Engine.Actors.Persistence;

namespace Engine.Benchmarks.Journal;

/// <summary>
/// The append benchmarks' work: <c>writers</c> concurrent writers (actors, one persistence id each), each persisting
/// <see cref="EventsPerWriter"/> events one at a time and awaiting each write as a persistent actor does. Sequence
/// numbers continue across invocations, so the journal grows as in a long run.
/// </summary>
internal sealed class AppendWorkload(int writers)
{
    public const int EventsPerWriter = 20;

    private readonly long[] _nextSequenceNr = Enumerable.Repeat(1L, writers).ToArray();

    public Task RunAsync(IJournal journal) => Task.WhenAll(Enumerable.Range(0, writers).Select(writer => WriteAsync(journal, writer)));

    private async Task WriteAsync(IJournal journal, int writer)
    {
        var id = $"transfer-{writer}";
        for (var i = 0; i < EventsPerWriter; i++)
        {
            var seq = _nextSequenceNr[writer]++;
            var payload = new BenchmarkEvent(id, seq * 262_144, 262_144);
            await journal.WriteMessagesAsync([new AtomicWrite([new PersistentRepresentation(id, seq, payload, "bench", DateTimeOffset.UtcNow)])]);
        }
    }
}
