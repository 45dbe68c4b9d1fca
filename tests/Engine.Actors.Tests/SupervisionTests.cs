using Engine.Actors.Supervision;
using Engine.TestKit;

namespace Engine.Actors.Tests;

public sealed class SupervisionTests : ActorTest
{
    private sealed class Boom(string message) : Exception(message);

    /// <summary>Counts "inc", throws on "fail", reports the count on "get" and its lifecycle hooks to the probe.</summary>
    private sealed class Counter(IActorRef<object> probe) : Actor<string>
    {
        private int _count;

        protected override void Receive(string message)
        {
            switch (message)
            {
                case "inc": _count++; break;
                case "fail": throw new Boom("counter failed");
                case "get": probe.Tell(_count); break;
            }
        }

        protected override void PreRestart(Exception reason, object? message)
        {
            probe.Tell($"pre-restart {reason.Message} while {message}");
            foreach (var child in Context.Children) Context.Stop(child);
        }

        protected override void PostRestart(Exception reason) => probe.Tell($"post-restart {reason.Message}");

        protected override void PostStop() => probe.Tell("stopped");
    }

    /// <summary>A parent spawning one <see cref="Counter"/> and forwarding to it, supervising with <paramref name="decide"/>.</summary>
    private sealed class Parent(IActorRef<object> probe, Func<Exception, Directive> decide) : Actor<string>
    {
        private IActorRef<string> _child = null!;

        protected override SupervisorStrategy SupervisorStrategy => new(decide);

        protected override void PreStart() => _child = Context.ActorOf(Props.Create<string>(() => new Counter(probe)), "counter");

        protected override void Receive(string message) => _child.Tell(message);
    }

    private IActorRef<string> ParentWith(TestProbe<object> probe, Func<Exception, Directive> decide) =>
        System.ActorOf(Props.Create<string>(() => new Parent(probe, decide)), "parent");

    [Fact]
    public async Task Restart_replaces_the_instance_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var probe = Probe<object>();
        var parent = ParentWith(probe, _ => Directive.Restart);
        foreach (var m in new[] { "inc", "inc", "fail", "inc", "get" }) parent.Tell(m);

        await probe.ExpectMsgAsync("pre-restart counter failed while fail");
        await probe.ExpectMsgAsync("post-restart counter failed");
        Assert.Equal(1, await probe.ExpectMsgAsync<int>()); // fresh state; "fail" not retried; the "inc" after it kept
        Assert.Contains(Logs.Entries, e => e.Exception is Boom && e.Message.Contains("/user/parent/counter", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Resume_keeps_the_state_and_continues_with_the_next_message()
    {
        var probe = Probe<object>();
        var parent = ParentWith(probe, _ => Directive.Resume);
        foreach (var m in new[] { "inc", "fail", "inc", "get" }) parent.Tell(m);

        Assert.Equal(2, await probe.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task Stop_terminates_the_child_and_later_messages_are_dead_letters()
    {
        var probe = Probe<object>();
        var parent = ParentWith(probe, _ => Directive.Stop);
        parent.Tell("fail");
        await probe.ExpectMsgAsync("stopped");

        parent.Tell("inc"); // forwarded to the stopped child
        await Conditions.AwaitAsync(() => System.DeadLetterCount == 1, "the forwarded message is a dead letter");
        await probe.ExpectNoMsgAsync(); // no restart hooks
    }

    [Fact]
    public async Task Escalate_fails_the_parent_so_the_grandparent_decides()
    {
        var probe = Probe<object>();
        var grandparent = System.ActorOf(Props.Create<string>(() => new Grandparent(probe)), "grandparent");
        grandparent.Tell("fail");

        // The grandparent restarted the parent, whose default PreRestart stopped the failed counter.
        Assert.Equal("grandparent decided on: counter failed", await probe.ExpectMsgAsync<string>());
        Assert.Equal("parent restarted after: counter failed", await probe.ExpectMsgAsync<string>());
        grandparent.Tell("children");
        Assert.Equal(1, await probe.ExpectMsgAsync<int>()); // the old counter is gone, the new parent made a new one
    }

    private sealed class Grandparent(IActorRef<object> probe) : Actor<string>
    {
        private IActorRef<string> _parent = null!;

        protected override SupervisorStrategy SupervisorStrategy => new(ex =>
        {
            probe.Tell($"grandparent decided on: {ex.Message}");
            return Directive.Restart;
        });

        protected override void PreStart() =>
            _parent = Context.ActorOf(Props.Create<string>(() => new EscalatingParent(probe)), "parent");

        protected override void Receive(string message) => _parent.Tell(message);
    }

    private sealed class EscalatingParent(IActorRef<object> probe) : Actor<string>
    {
        private IActorRef<string> _child = null!;

        protected override SupervisorStrategy SupervisorStrategy => new(_ => Directive.Escalate);

        protected override void PreStart() => _child = Context.ActorOf(Props.Create<string>(() => new Counter(new TestProbe<object>(Context.System))), "counter");

        protected override void PostRestart(Exception reason)
        {
            probe.Tell($"parent restarted after: {reason.Message}");
            base.PostRestart(reason);
        }

        protected override void Receive(string message)
        {
            if (message == "children") probe.Tell(Context.Children.Count);
            else _child.Tell(message);
        }
    }

    [Fact]
    public async Task An_actor_that_fails_to_start_is_stopped_by_the_default_strategy()
    {
        var probe = Probe<object>();
        var actor = System.ActorOf(Props.Create<string>(() => throw new Boom("constructor failed")), "broken");
        probe.Watch(actor);

        await probe.ExpectTerminatedAsync(actor);
        var logged = Assert.Single(Logs.Entries, e => e.Exception is ActorInitializationException);
        Assert.Contains("/user/broken", logged.Exception!.Message, StringComparison.Ordinal);
        Assert.Contains("constructor failed", logged.Exception.Message, StringComparison.Ordinal);
    }
}
