using System.Collections.Concurrent;

namespace Engine.Actors.Tests;

public sealed class WatchAndShutdownTests : ActorTest
{
    private IActorRef<string> Idle(string name) => System.ActorOf(Props.Create<string>(() => new FuncActor<string>((_, _) => { })), name);

    /// <summary>Watches whatever <see cref="IActorRef"/> it is sent, reporting its termination to the probe.</summary>
    private sealed class Watcher(IActorRef<string> probe) : Actor<object>
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case (IActorRef target, "unwatch"):
                    Context.Unwatch(target);
                    probe.Tell("unwatched");
                    break;
                case IActorRef target:
                    Context.Watch(target, $"terminated {target.Path}");
                    probe.Tell("watching");
                    break;
                case string text:
                    probe.Tell(text);
                    break;
            }
        }
    }

    [Fact]
    public async Task A_watcher_gets_its_own_message_when_the_watched_actor_terminates()
    {
        var probe = Probe<string>();
        var watcher = System.ActorOf(Props.Create<object>(() => new Watcher(probe)));
        var target = Idle("target");
        watcher.Tell(target);
        await probe.ExpectMsgAsync("watching");

        System.Stop(target);

        await probe.ExpectMsgAsync("terminated /user/target");
    }

    [Fact]
    public async Task Watching_an_actor_that_is_already_gone_delivers_at_once()
    {
        var probe = Probe<string>();
        var target = Idle("gone");
        await System.GracefulStopAsync(target);
        var watcher = System.ActorOf(Props.Create<object>(() => new Watcher(probe)));

        watcher.Tell(target);

        await probe.ExpectMsgAsync("watching");
        await probe.ExpectMsgAsync("terminated /user/gone");
    }

    [Fact]
    public async Task Unwatch_cancels_the_termination_message()
    {
        var probe = Probe<string>();
        var watcher = System.ActorOf(Props.Create<object>(() => new Watcher(probe)));
        var target = Idle("target");
        watcher.Tell(target);
        await probe.ExpectMsgAsync("watching");
        watcher.Tell((target, "unwatch"));
        await probe.ExpectMsgAsync("unwatched");

        await System.GracefulStopAsync(target);

        await probe.ExpectNoMsgAsync();
    }

    /// <summary>Spawns the children named in its constructor; records PostStop and every message in <paramref name="log"/>.</summary>
    private sealed class Node(string name, ConcurrentQueue<string> log, ManualResetEventSlim? gate, params string[] children) : Actor<string>
    {
        protected override void PreStart()
        {
            foreach (var child in children) Context.ActorOf(Props.Create<string>(() => new Node(child, log, null)), child);
        }

        protected override void Receive(string message)
        {
            gate?.Wait(TimeSpan.FromSeconds(30));
            log.Enqueue($"{name} handled {message}");
        }

        protected override void PostStop() => log.Enqueue($"{name} stopped");
    }

    [Fact]
    public async Task Graceful_shutdown_stops_accepting_drains_then_stops_children_before_parents()
    {
        var log = new ConcurrentQueue<string>();
        using var gate = new ManualResetEventSlim();
        var parent = System.ActorOf(Props.Create<string>(() => new Node("parent", log, gate, "child-a", "child-b")), "parent");
        parent.Tell("first");
        parent.Tell("second");

        var stopped = System.GracefulStopAsync(parent);
        parent.Tell("after the stop");
        Assert.Equal(1, System.DeadLetterCount); // refused at once, while "first" is still being handled

        gate.Set();
        await stopped.WaitAsync(TimeSpan.FromSeconds(30));

        var entries = log.ToList();
        Assert.Equal(["parent handled first", "parent handled second"], entries.Take(2));
        Assert.Equal(["child-a stopped", "child-b stopped"], entries.Skip(2).Take(2).Order());
        Assert.Equal("parent stopped", entries[^1]);
        Assert.Equal(5, entries.Count);
    }

    [Fact]
    public async Task Terminating_the_system_stops_every_actor_and_refuses_new_ones()
    {
        var log = new ConcurrentQueue<string>();
        System.ActorOf(Props.Create<string>(() => new Node("one", log, null, "one-child")), "one");
        var two = System.ActorOf(Props.Create<string>(() => new Node("two", log, null)), "two");
        two.Tell("queued");

        await System.TerminateAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(System.WhenTerminated.IsCompleted);
        Assert.Equal(["one stopped", "one-child stopped", "two handled queued", "two stopped"], log.Order());
        Assert.True(log.ToList().IndexOf("one-child stopped") < log.ToList().IndexOf("one stopped"));
        var refused = Assert.Throws<InvalidOperationException>(() => Idle("late"));
        Assert.Contains("stopping", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_self_drops_the_rest_of_the_mailbox_as_dead_letters()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<string>(() => new FuncActor<string>((context, message) =>
        {
            probe.Tell(message);
            if (message == "stop") context.Stop(context.Self);
        })));
        probe.Watch(actor);
        actor.Tell("stop");
        actor.Tell("never handled");

        await probe.ExpectMsgAsync("stop");
        await probe.ExpectTerminatedAsync(actor);
        Assert.Equal(1, System.DeadLetterCount);
    }
}
