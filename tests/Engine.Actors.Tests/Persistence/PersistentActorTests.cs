using Engine.Actors.Persistence;
using Engine.TestKit;

namespace Engine.Actors.Tests.Persistence;

public sealed class PersistentActorTests : PersistenceTest
{
    [Fact]
    public async Task A_new_id_completes_recovery_and_numbers_its_events_from_one()
    {
        var probe = Probe<object>();
        var counter = Counter("c-1", probe);

        Assert.Equal(new Recovered(0, 0), await probe.ExpectMsgAsync<Recovered>());
        counter.Tell(new Add(5));
        counter.Tell(new Add(2));
        Assert.Equal(new Applied(new Added(5), 1), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Applied(new Added(2), 2), await probe.ExpectMsgAsync<Applied>());

        var stored = await StoredEvents("c-1");
        Assert.Equal([1L, 2L], stored.Select(e => e.SequenceNr));
        Assert.Equal([new Added(5), new Added(2)], stored.Select(e => e.Payload));
        Assert.Single(stored.Select(e => e.WriterUuid).Distinct());
    }

    [Fact]
    public async Task Commands_wait_until_the_event_is_stored_and_its_handler_ran()
    {
        var (probe, counter) = await StartedCounter();
        await HoldNextWrite(counter, new Add(1), TimeSpan.FromSeconds(1));

        counter.Tell(new GetTotal());
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // GetTotal is stashed, not answered with 0
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new Applied(new Added(1), 1), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Total(1, 1), await probe.ExpectMsgAsync<Total>());
    }

    [Fact]
    public async Task Many_commands_waiting_for_a_write_are_handled_one_by_one_in_arrival_order()
    {
        var (probe, counter) = await StartedCounter();
        await HoldNextWrite(counter, new Add(1), TimeSpan.FromSeconds(1));

        foreach (var command in new object[] { new Add(2), new GetTotal(), new Add(3), new GetTotal() }) counter.Tell(command);
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new Applied(new Added(1), 1), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Applied(new Added(2), 2), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Total(3, 2), await probe.ExpectMsgAsync<Total>());
        Assert.Equal(new Applied(new Added(3), 3), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Total(6, 3), await probe.ExpectMsgAsync<Total>());
    }

    [Fact]
    public async Task PersistAll_is_one_atomic_write_whose_rejection_stores_nothing()
    {
        var (probe, counter) = await StartedCounter();
        Journal.RejectWrites(FaultSelector.ForEventType<Marker>(), times: 1);

        counter.Tell(new AddAll(new Added(1), new Marker("bad"), new Added(2)));

        Assert.Equal(new Rejected(new Added(1), 1), await probe.ExpectMsgAsync<Rejected>());
        Assert.Equal(new Rejected(new Marker("bad"), 2), await probe.ExpectMsgAsync<Rejected>());
        Assert.Equal(new Rejected(new Added(2), 3), await probe.ExpectMsgAsync<Rejected>());
        Assert.Empty(await StoredEvents("c-1"));

        counter.Tell(new AddAll(new Added(3), new Added(4)));
        Assert.Equal(new Applied(new Added(3), 1), await probe.ExpectMsgAsync<Applied>()); // numbers of the rejected write are reused
        Assert.Equal(new Applied(new Added(4), 2), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal([1L, 2L], (await StoredEvents("c-1")).Select(e => e.SequenceNr));
    }

    [Fact]
    public async Task A_rejected_write_skips_its_handler_and_the_actor_continues()
    {
        var (probe, counter) = await StartedCounter();
        Journal.RejectWrites(FaultSelector.ForPersistenceId("c-1"), times: 1);

        counter.Tell(new Add(1));
        counter.Tell(new Add(2));
        counter.Tell(new GetTotal());

        Assert.Equal(new Rejected(new Added(1), 1), await probe.ExpectMsgAsync<Rejected>());
        Assert.Equal(new Applied(new Added(2), 1), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Total(2, 1), await probe.ExpectMsgAsync<Total>());
        Assert.Contains(Logs.Entries, e => e.Exception is InjectedJournalException && e.Message.Contains("c-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_payload_the_journal_cannot_serialize_is_rejected_not_failed()
    {
        var (probe, counter) = await StartedCounter();

        counter.Tell(new AddAll(new Uri("https://no.manifest/")));
        counter.Tell(new Add(1));

        Assert.Equal(1, (await probe.ExpectMsgAsync<Rejected>()).SequenceNr);
        Assert.Equal(new Applied(new Added(1), 1), await probe.ExpectMsgAsync<Applied>());
    }

    [Fact]
    public async Task Recovery_offers_the_latest_snapshot_then_replays_only_later_events()
    {
        // Events 1..3 would give 300 if replayed; the snapshot at #3 says 6.
        await Store("c-1", new Added(100), new Added(100), new Added(100), new Added(4), new Added(5), new Added(6));
        await Snapshots.SaveAsync(new SnapshotMetadata("c-1", 3, Time.GetUtcNow()), 6);
        var probe = Probe<object>();

        var counter = Counter("c-1", probe);

        Assert.Equal(new Offered(6, 3), await probe.ExpectMsgAsync<Offered>());
        Assert.Equal(new Recovered(21, 6), await probe.ExpectMsgAsync<Recovered>());
        counter.Tell(new Add(1));
        Assert.Equal(new Applied(new Added(1), 7), await probe.ExpectMsgAsync<Applied>());
    }

    [Fact]
    public async Task Commands_sent_during_recovery_are_handled_after_it_in_order()
    {
        await Store("c-1", new Added(10));
        Journal.DelayRecoveries(FaultSelector.Any, TimeSpan.FromSeconds(1), times: 1);
        var probe = Probe<object>();
        var counter = Counter("c-1", probe);
        counter.Tell(new Add(1));
        counter.Tell(new GetTotal());

        await AwaitTimer(TimeSpan.FromSeconds(1), "the replay is held");
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new Recovered(10, 1), await probe.ExpectMsgAsync<Recovered>());
        Assert.Equal(new Applied(new Added(1), 2), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Total(11, 2), await probe.ExpectMsgAsync<Total>());
    }

    [Fact]
    public async Task A_snapshot_every_N_events_deletes_the_events_and_snapshots_it_covers()
    {
        var (probe, counter) = await StartedCounter(snapshotEvery: 3);

        for (var i = 1; i <= 7; i++) counter.Tell(new Add(i));

        await probe.FishForMessageAsync<SnapshotTaken>(s => s.SequenceNr == 3);
        await probe.FishForMessageAsync<SnapshotTaken>(s => s.SequenceNr == 6);
        await probe.FishForMessageAsync<EventsDeleted>(d => d.ToSequenceNr == 6);
        counter.Tell(new GetTotal());
        Assert.Equal(new Total(28, 7), await probe.FishForMessageAsync<Total>(_ => true));

        Assert.Equal([7L], (await StoredEvents("c-1")).Select(e => e.SequenceNr));
        Assert.Equal(7, await Memory.ReadHighestSequenceNrAsync("c-1", 0));
        Assert.Equal(6, (await Snapshots.LoadAsync("c-1", long.MaxValue))!.Metadata.SequenceNr);
        Assert.Null(await Snapshots.LoadAsync("c-1", 5));

        await System.GracefulStopAsync(counter);
        var again = Probe<object>();
        Counter("c-1", again, snapshotEvery: 3);
        Assert.Equal(new Offered(21, 6), await again.ExpectMsgAsync<Offered>());
        Assert.Equal(new Recovered(28, 7), await again.ExpectMsgAsync<Recovered>());
    }

    [Fact]
    public async Task A_failed_recovery_stops_the_actor_with_an_error_naming_the_persistence_id()
    {
        await Store("c-1", new Added(1));
        Journal.FailRecoveries(FaultSelector.ForPersistenceId("c-1"));
        var probe = Probe<object>();
        var counter = Counter("c-1", probe);
        probe.Watch(counter);

        Assert.IsType<InjectedJournalException>((await probe.ExpectMsgAsync<RecoveryFailure>()).Cause);
        await probe.ExpectTerminatedAsync(counter);
        var stop = Assert.Single(Logs.Entries, e => e.Exception is RecoveryFailedException).Exception!;
        Assert.Contains("'c-1'", stop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_manifest_stops_the_actor_with_an_error_naming_the_id_and_the_manifest()
    {
        var newer = new JsonPersistenceSerializer().Register("added.v9", TestJsonContext.Default.Added); // a newer version renamed the manifest
        await Memory.Reopen(newer).WriteMessagesAsync([new AtomicWrite([new PersistentRepresentation("c-1", 1, new Added(1), "newer", Time.GetUtcNow())])]);
        var probe = Probe<object>();
        var counter = Counter("c-1", probe);
        probe.Watch(counter);

        var cause = (await probe.ExpectMsgAsync<RecoveryFailure>()).Cause;
        await probe.ExpectTerminatedAsync(counter);

        Assert.Contains("'c-1'", cause.Message, StringComparison.Ordinal);
        Assert.Contains("added.v9", cause.Message, StringComparison.Ordinal);
        var stop = Assert.Single(Logs.Entries, e => e.Exception is RecoveryFailedException).Exception!;
        Assert.Contains("'c-1'", stop.Message, StringComparison.Ordinal);
        Assert.Contains("added.v9", stop.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_graceful_stop_waits_for_the_write_in_flight()
    {
        var (probe, counter) = await StartedCounter();
        await HoldNextWrite(counter, new Add(1), TimeSpan.FromSeconds(1));

        var stopped = System.GracefulStopAsync(counter);
        Time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(new Applied(new Added(1), 1), await probe.ExpectMsgAsync<Applied>());
        await stopped.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_shutdown_with_a_drain_timeout_stops_actors_that_are_still_waiting()
    {
        var (probe, counter) = await StartedCounter();
        await HoldNextWrite(counter, new Add(1), TimeSpan.FromHours(1));

        var terminating = System.TerminateAsync(TimeSpan.FromSeconds(5));
        await AwaitTimer(TimeSpan.FromSeconds(5), "the drain deadline is armed");
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromSeconds(5));

        await terminating.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(System.WhenTerminated.IsCompleted);
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100)); // the held write's handler never ran
    }

    [Fact]
    public async Task Persist_before_recovery_completed_is_refused()
    {
        var probe = Probe<object>();
        var actor = System.ActorOf(Props.Create<object>(() => new PersistingTooEarly(probe)), "early");
        probe.Watch(actor);

        await probe.ExpectTerminatedAsync(actor);
        var error = Assert.Single(Logs.Entries, e => e.Exception is ActorInitializationException).Exception!;
        Assert.Contains("before recovery completed", error.InnerException!.Message, StringComparison.Ordinal);
    }

    private sealed class PersistingTooEarly(IActorRef<object> probe) : PersistentActor<object>
    {
        public override string PersistenceId => "early";

        protected override void PreStart() => Persist(new Added(1), e => probe.Tell(e));

        protected override void ReceiveCommand(object command) { }

        protected override void ReceiveRecover(object message) { }
    }

    [Fact]
    public async Task The_users_stash_is_kept_apart_from_the_commands_held_during_a_persist()
    {
        var probe = Probe<object>();
        var actor = System.ActorOf(Props.Create<object>(() => new Pausable(probe)), "pausable");
        await probe.ExpectMsgAsync<Recovered>();

        actor.Tell("pause");
        actor.Tell(new Add(1));            // stashed by the actor itself
        actor.Tell(new Marker("while paused"));
        actor.Tell(new Marker("again"));   // held by the runtime during the first persist, then handled

        await probe.ExpectMsgAsync("stashed");
        Assert.Equal(new Applied(new Marker("while paused"), 1), await probe.ExpectMsgAsync<Applied>());
        Assert.Equal(new Applied(new Marker("again"), 2), await probe.ExpectMsgAsync<Applied>());
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        actor.Tell("resume");
        Assert.Equal(new Applied(new Added(1), 3), await probe.ExpectMsgAsync<Applied>());
    }

    private sealed class Pausable(IActorRef<object> probe) : PersistentActor<object>
    {
        private bool _paused;

        public override string PersistenceId => "pausable";

        protected override void ReceiveRecover(object message)
        {
            if (message is RecoveryCompleted) probe.Tell(new Recovered(0, LastSequenceNr));
        }

        protected override void ReceiveCommand(object command)
        {
            switch (command)
            {
                case "pause":
                    _paused = true;
                    break;
                case "resume":
                    _paused = false;
                    Context.UnstashAll();
                    break;
                case Add when _paused:
                    probe.Tell("stashed"); // once: the runtime must not hand it back after each persist
                    Context.Stash();
                    break;
                case Add add:
                    Persist(new Added(add.Amount), e => probe.Tell(new Applied(e, LastSequenceNr)));
                    break;
                case Marker marker:
                    Persist(marker, e => probe.Tell(new Applied(e, LastSequenceNr)));
                    break;
            }
        }
    }
}
