namespace Engine.Actors.Tests;

public sealed class TimerAskPipeTests : ActorTest
{
    private sealed record Start(string Key, string Message, TimeSpan Delay, bool Periodic = false);

    /// <summary>Starts or cancels timers as told, forwards every other text (including timer messages) to the probe.</summary>
    private sealed class TimerUser(IActorRef<string> probe) : Actor<object>
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case Start { Periodic: false } start:
                    Timers.StartSingleTimer(start.Key, start.Message, start.Delay);
                    probe.Tell($"armed {start.Key}");
                    break;
                case Start start:
                    Timers.StartPeriodicTimer(start.Key, start.Message, start.Delay);
                    probe.Tell($"armed {start.Key}");
                    break;
                case ("cancel", string key):
                    Timers.Cancel(key);
                    probe.Tell($"cancelled {key}, active: {Timers.IsTimerActive(key)}");
                    break;
                case string text:
                    probe.Tell(text);
                    break;
            }
        }
    }

    [Fact]
    public async Task A_single_timer_fires_once_when_its_delay_has_passed_on_the_clock()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<object>(() => new TimerUser(probe)));
        actor.Tell(new Start("t", "tick", TimeSpan.FromSeconds(5)));
        await probe.ExpectMsgAsync("armed t");

        Time.Advance(TimeSpan.FromSeconds(4.999));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        await probe.ExpectMsgAsync("tick");
        Time.Advance(TimeSpan.FromMinutes(1));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_periodic_timer_fires_every_interval_until_cancelled()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<object>(() => new TimerUser(probe)));
        actor.Tell(new Start("p", "beat", TimeSpan.FromSeconds(1), Periodic: true));
        await probe.ExpectMsgAsync("armed p");

        for (var i = 0; i < 3; i++)
        {
            Time.Advance(TimeSpan.FromSeconds(1));
            await probe.ExpectMsgAsync("beat");
        }
        actor.Tell(("cancel", "p"));
        await probe.ExpectMsgAsync("cancelled p, active: False");
        Time.Advance(TimeSpan.FromSeconds(10));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task Restarting_a_timer_with_the_same_key_replaces_it()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<object>(() => new TimerUser(probe)));
        actor.Tell(new Start("k", "old", TimeSpan.FromSeconds(1)));
        actor.Tell(new Start("k", "new", TimeSpan.FromSeconds(2)));
        await probe.ExpectMsgAsync("armed k");
        await probe.ExpectMsgAsync("armed k");

        Time.Advance(TimeSpan.FromSeconds(2));

        await probe.ExpectMsgAsync("new");
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Empty(Time.ArmedDueIn);
    }

    [Fact]
    public async Task Timers_are_cancelled_when_the_actor_stops()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<object>(() => new TimerUser(probe)));
        actor.Tell(new Start("t", "tick", TimeSpan.FromSeconds(1)));
        await probe.ExpectMsgAsync("armed t");

        await System.GracefulStopAsync(actor);

        Assert.Empty(Time.ArmedDueIn);
        Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, System.DeadLetterCount);
    }

    private sealed record Question(string Text, IActorRef<string> ReplyTo);

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = System.ActorOf(Props.Create<Question>(() => new FuncActor<Question>((_, q) => q.ReplyTo.Tell(q.Text.ToUpperInvariant()))));

        var answer = await echo.Ask((IActorRef<string> replyTo) => new Question("hello", replyTo), TimeSpan.FromSeconds(5));

        Assert.Equal("HELLO", answer);
    }

    [Fact]
    public async Task Ask_fails_with_a_timeout_on_the_system_clock_and_a_late_reply_is_a_dead_letter()
    {
        IActorRef<string>? pendingReply = null;
        var silent = System.ActorOf(Props.Create<Question>(() => new FuncActor<Question>((_, q) => Volatile.Write(ref pendingReply, q.ReplyTo))), "silent");

        var asking = silent.Ask((IActorRef<string> replyTo) => new Question("anyone?", replyTo), TimeSpan.FromSeconds(3));
        await TestKit.Conditions.AwaitAsync(() => Volatile.Read(ref pendingReply) is not null, "the request arrived");
        Time.Advance(TimeSpan.FromSeconds(2.9));
        Assert.False(asking.IsCompleted);
        Time.Advance(TimeSpan.FromSeconds(0.1));

        var timeout = await Assert.ThrowsAsync<AskTimeoutException>(() => asking);
        Assert.Contains("/user/silent", timeout.Message, StringComparison.Ordinal);
        Assert.Contains("00:00:03", timeout.Message, StringComparison.Ordinal);
        pendingReply!.Tell("too late");
        Assert.Equal(1, System.DeadLetterCount);
    }

    private sealed record Work(Task<int> Task);

    /// <summary>Pipes the outcome of the work it is given to itself, and answers pings meanwhile.</summary>
    private sealed class Piper(IActorRef<string> probe) : Actor<object>
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case Work work:
                    Context.PipeToSelf(work.Task, n => (object)$"result {n}", ex => $"failure {ex.Message}");
                    break;
                case string text:
                    probe.Tell(text);
                    break;
            }
        }
    }

    [Fact]
    public async Task PipeToSelf_returns_the_outcome_as_a_message_while_the_mailbox_keeps_flowing()
    {
        var probe = Probe<string>();
        var actor = System.ActorOf(Props.Create<object>(() => new Piper(probe)));
        var success = new TaskCompletionSource<int>();
        var failure = new TaskCompletionSource<int>();
        actor.Tell(new Work(success.Task));
        actor.Tell(new Work(failure.Task));

        actor.Tell("ping");
        await probe.ExpectMsgAsync("ping");
        success.SetResult(42);
        await probe.ExpectMsgAsync("result 42");
        failure.SetException(new IOException("disk gone"));
        await probe.ExpectMsgAsync("failure disk gone");
    }

    [Fact]
    public async Task PipeTo_sends_a_task_outcome_to_any_actor()
    {
        var probe = Probe<string>();
        Task.FromResult(7).PipeTo(probe, n => $"got {n}", ex => ex.Message);
        Task.FromException<int>(new InvalidOperationException("nope")).PipeTo(probe, n => $"got {n}", ex => $"failed: {ex.Message}");

        var received = new[] { await probe.ExpectMsgAsync<string>(), await probe.ExpectMsgAsync<string>() };
        Assert.Equal(["failed: nope", "got 7"], received.Order());
    }
}
