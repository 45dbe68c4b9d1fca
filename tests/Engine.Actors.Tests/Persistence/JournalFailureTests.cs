using Engine.Actors.Persistence;
using Engine.Actors.Supervision;
using Engine.TestKit;

namespace Engine.Actors.Tests.Persistence;

public sealed class JournalFailureTests : PersistenceTest
{
    private IActorRef<object> SupervisedCounter(string id, TestProbe<object> probe) =>
        System.ActorOf(BackoffSupervisor.Props(new BackoffOptions<object>(
            Props.Create<object>(() => new CounterActor(id, probe)), id,
            minBackoff: TimeSpan.FromSeconds(1), maxBackoff: TimeSpan.FromSeconds(30), randomFactor: 0)
        {
            ResetBackoffAfter = TimeSpan.FromHours(1),
        }), id + "-supervisor");

    [Fact]
    public async Task A_failed_write_stops_the_actor_and_its_backoff_supervisor_restarts_it_into_recovery()
    {
        var probe = Probe<object>();
        var counter = SupervisedCounter("c-1", probe);
        await probe.ExpectMsgAsync<Recovered>();
        counter.Tell(new Add(1));
        Assert.Equal(new Applied(new Added(1), 1), await probe.ExpectMsgAsync<Applied>());
        Journal.FailWrites(FaultSelector.ForPersistenceId("c-1"), times: 1);

        counter.Tell(new Add(2));

        Assert.Equal(new PersistFailed(new Added(2), 2), await probe.ExpectMsgAsync<PersistFailed>());
        await AwaitTimer(TimeSpan.FromSeconds(1), "the supervisor scheduled the restart");
        counter.Tell(new Add(10)); // arrives while the child is down: kept for the next incarnation
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new Recovered(1, 1), await probe.ExpectMsgAsync<Recovered>()); // the failed event was not stored
        Assert.Equal(new Applied(new Added(10), 2), await probe.ExpectMsgAsync<Applied>());
        var failure = Assert.Single(Logs.Entries, e => e.Exception is PersistenceFailureException).Exception!;
        Assert.Contains("'c-1'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_duplicate_sequence_number_is_a_failure_that_stops_the_second_writer()
    {
        var first = Probe<object>();
        var second = Probe<object>();
        var one = Counter("shared", first, name: "one");
        var two = Counter("shared", second, name: "two");
        await first.ExpectMsgAsync<Recovered>();
        await second.ExpectMsgAsync<Recovered>();
        second.Watch(two);

        one.Tell(new Add(1));
        await first.ExpectMsgAsync<Applied>();
        two.Tell(new Add(2)); // also numbered 1

        Assert.Equal(new PersistFailed(new Added(2), 1), await second.ExpectMsgAsync<PersistFailed>());
        await second.ExpectTerminatedAsync(two);
        Assert.Equal([new Added(1)], (await StoredEvents("shared")).Select(e => e.Payload));
    }
}
