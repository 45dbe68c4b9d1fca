namespace Engine.Actors.Tests;

public sealed class MailboxTests : ActorTest
{
    [Fact]
    public async Task Messages_from_one_sender_arrive_in_order()
    {
        var probe = Probe<int>();
        var actor = System.ActorOf(Props.Create<int>(() => new FuncActor<int>((_, n) => probe.Tell(n))));
        for (var i = 0; i < 1000; i++) actor.Tell(i);
        for (var i = 0; i < 1000; i++) await probe.ExpectMsgAsync(i);
    }

    [Fact]
    public async Task An_actor_handles_one_message_at_a_time_even_under_concurrent_senders()
    {
        var inside = 0;
        var overlaps = 0;
        var handled = 0;
        var probe = Probe<int>();
        var actor = System.ActorOf(Props.Create<string>(() => new FuncActor<string>((_, message) =>
        {
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            Thread.SpinWait(200);
            Interlocked.Decrement(ref inside);
            if (++handled == 8 * 500) probe.Tell(handled); // a plain field: safe only if turns never overlap
        })).WithMailboxCapacity(100_000));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 500; i++) actor.Tell("work");
        })));

        Assert.Equal(8 * 500, await probe.ExpectMsgAsync<int>());
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task Overflowing_messages_become_dead_letters_without_blocking_the_sender()
    {
        using var gate = new ManualResetEventSlim();
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<string>(() => new FuncActor<string>((_, message) =>
        {
            probe.Tell(message);
            if (message == "block") gate.Wait(TimeSpan.FromSeconds(30));
        })).WithMailboxCapacity(3));

        actor.Tell("block");
        await probe.ExpectMsgAsync("block");
        for (var i = 0; i < 5; i++) actor.Tell($"m{i}"); // 3 fit, 2 overflow

        Assert.Equal(2, System.DeadLetterCount);
        Assert.Contains(Logs.Entries, e => e.Message.Contains("mailbox is full (3 messages)", StringComparison.Ordinal));
        gate.Set();
        await probe.ExpectMsgAsync("m0");
        await probe.ExpectMsgAsync("m1");
        await probe.ExpectMsgAsync("m2");
        await probe.ExpectNoMsgAsync();
    }

    [Fact]
    public async Task System_messages_bypass_a_full_mailbox()
    {
        using var gate = new ManualResetEventSlim();
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<string>(() => new FuncActor<string>((_, message) =>
        {
            probe.Tell(message);
            gate.Wait(TimeSpan.FromSeconds(30));
        })).WithMailboxCapacity(1));
        probe.Watch(actor);
        actor.Tell("block");
        await probe.ExpectMsgAsync("block");
        actor.Tell("fills the mailbox");

        System.Stop(actor);
        gate.Set();

        await probe.ExpectTerminatedAsync(actor);
        Assert.Equal(1, System.DeadLetterCount); // the queued message, dropped by the stop
    }

    [Fact]
    public async Task Telling_a_stopped_actor_is_a_counted_dead_letter()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<string>(() => new FuncActor<string>((_, m) => probe.Tell(m))), "short-lived");
        probe.Watch(actor);
        System.Stop(actor);
        await probe.ExpectTerminatedAsync(actor);

        actor.Tell("too late");

        Assert.Equal(1, System.DeadLetterCount);
        Assert.Contains(Logs.Entries, e => e.Message.Contains("String to /user/short-lived", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dead_letters_are_all_counted_but_only_the_first_ten_then_every_thousandth_logged()
    {
        var actor = System.ActorOf(Props.Create<int>(() => new FuncActor<int>((_, _) => { })));
        await System.GracefulStopAsync(actor);

        for (var i = 0; i < 2_500; i++) actor.Tell(i);

        Assert.Equal(2_500, System.DeadLetterCount);
        var logged = Logs.Entries.Where(e => e.Category == "Engine.Actors.DeadLetters").Select(e => e.Message).ToList();
        Assert.Equal(12, logged.Count);
        Assert.StartsWith("Dead letter #1000: Int32 to /user/$", logged[10], StringComparison.Ordinal);
        Assert.StartsWith("Dead letter #2000:", logged[11], StringComparison.Ordinal);
    }

    [Fact]
    public void Names_must_be_unique_among_living_siblings_and_well_formed()
    {
        var props = Props.Create<string>(() => new FuncActor<string>((_, _) => { }));
        System.ActorOf(props, "one");

        var taken = Assert.Throws<InvalidActorNameException>(() => System.ActorOf(props, "one"));
        Assert.Contains("'one'", taken.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidActorNameException>(() => System.ActorOf(props, "a/b"));
        Assert.Throws<InvalidActorNameException>(() => System.ActorOf(props, "$reserved"));
    }

    [Fact]
    public void Creating_an_actor_with_new_is_refused_with_a_hint()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new FuncActor<int>((_, _) => { }));
        Assert.Contains("Props.Create", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stash_sets_messages_aside_and_unstash_all_restores_their_order()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<string>(() => new StashingActor(probe)));
        foreach (var m in new[] { "a", "b", "open", "c" }) actor.Tell(m);
        foreach (var m in new[] { "a", "b", "c" }) await probe.ExpectMsgAsync(m);
    }

    private sealed class StashingActor(IActorRef<string> probe) : Actor<string>
    {
        private bool _open;

        protected override void Receive(string message)
        {
            if (message == "open")
            {
                _open = true;
                Context.UnstashAll();
            }
            else if (_open) probe.Tell(message);
            else Context.Stash();
        }
    }
}
