using Engine.Actors.Persistence;
using Engine.TestKit;

namespace Engine.Actors.Tests.Persistence;

/// <summary>A system whose journal is a memory journal behind a fault injector on the test clock.</summary>
public abstract class PersistenceTest : ActorTest
{
    protected PersistenceTest()
    {
        Memory = new MemoryJournal(Serializer);
        Journal = new FaultInjectingJournal(Memory, Time);
    }

    protected static JsonPersistenceSerializer Serializer { get; } = TestSerialization.Current();

    protected MemoryJournal Memory { get; }

    protected FaultInjectingJournal Journal { get; }

    protected MemorySnapshotStore Snapshots { get; } = new(Serializer);

    protected virtual int MaxConcurrentRecoveries => 50;

    protected override ActorSystemOptions Configure(ActorSystemOptions options) => options with
    {
        Persistence = new PersistenceOptions
        {
            Journal = Journal,
            SnapshotStore = Snapshots,
            MaxConcurrentRecoveries = MaxConcurrentRecoveries,
            ReplayBatchSize = 2, // several pages even for short streams
        },
    };

    protected IActorRef<object> Counter(string id, TestProbe<object> probe, int snapshotEvery = 0, string? name = null) =>
        System.ActorOf(Props.Create<object>(() => new CounterActor(id, probe, snapshotEvery)), name ?? id);

    /// <summary>A counter that has completed its recovery.</summary>
    protected async Task<(TestProbe<object> Probe, IActorRef<object> Counter)> StartedCounter(string id = "c-1", int snapshotEvery = 0)
    {
        var probe = Probe<object>();
        var counter = Counter(id, probe, snapshotEvery);
        await probe.ExpectMsgAsync<Recovered>();
        return (probe, counter);
    }

    /// <summary>Sends <paramref name="command"/> and waits until the journal holds its write for <paramref name="delay"/> on the test clock.</summary>
    protected async Task HoldNextWrite(IActorRef<object> counter, object command, TimeSpan delay)
    {
        Journal.DelayWrites(FaultSelector.Any, delay, times: 1);
        counter.Tell(command);
        await AwaitTimer(delay, "the write is held by the journal");
    }

    /// <summary>Waits until something armed a timer due in <paramref name="dueIn"/> on the test clock.</summary>
    protected Task AwaitTimer(TimeSpan dueIn, string what) => Conditions.AwaitAsync(() => Time.ArmedDueIn.Contains(dueIn), what);

    protected async Task<List<PersistentRepresentation>> StoredEvents(string id)
    {
        var events = new List<PersistentRepresentation>();
        await Memory.ReplayMessagesAsync(id, 1, long.MaxValue, long.MaxValue, events.Add);
        return events;
    }

    protected Task Store(string id, params object[] events) =>
        Memory.WriteMessagesAsync([.. events.Select((e, i) => new AtomicWrite([new PersistentRepresentation(id, i + 1, e, "seed", Time.GetUtcNow())]))]);
}
