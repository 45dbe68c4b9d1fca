using Engine.Actors.Supervision;
using Engine.TestKit;

namespace Engine.Actors.Tests;

public sealed class BackoffSupervisorTests : ActorTest
{
    /// <summary>Reports its start, throws on "boom", stops itself on "done", echoes anything else.</summary>
    private sealed class Fragile(IActorRef<string> probe) : Actor<string>
    {
        protected override void PreStart() => probe.Tell("started");

        protected override void Receive(string message)
        {
            switch (message)
            {
                case "boom": throw new InvalidOperationException("boom");
                case "done": Context.Stop(Self); break;
                default: probe.Tell($"echo {message}"); break;
            }
        }
    }

    private static BackoffOptions<string> Options(IActorRef<string> probe, double randomFactor = 0, Random? random = null) =>
        new(Props.Create<string>(() => new Fragile(probe)), "fragile", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(8), randomFactor)
        {
            ResetBackoffAfter = TimeSpan.FromSeconds(30),
            Random = random ?? new Random(1),
        };

    private async Task FailAndExpectRestartAfter(IActorRef<string> supervisor, TestProbe<string> probe, TimeSpan delay)
    {
        supervisor.Tell("boom");
        await Conditions.AwaitAsync(() => Time.ArmedDueIn.SequenceEqual([delay]), $"a restart is scheduled in {delay}");
        Time.Advance(delay - TimeSpan.FromMilliseconds(1));
        await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
        Time.Advance(TimeSpan.FromMilliseconds(1));
        await probe.ExpectMsgAsync("started");
    }

    [Fact]
    public async Task Restarts_wait_min_then_double_up_to_max()
    {
        var probe = Probe<string>();
        var supervisor = System.ActorOf(BackoffSupervisor.Props(Options(probe)), "supervisor");
        await probe.ExpectMsgAsync("started");

        foreach (var seconds in new[] { 1, 2, 4, 8, 8 })
            await FailAndExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(seconds));

        supervisor.Tell("still here");
        await probe.ExpectMsgAsync("echo still here");
    }

    [Fact]
    public async Task The_wait_resets_to_min_after_the_child_ran_stably()
    {
        var probe = Probe<string>();
        var supervisor = System.ActorOf(BackoffSupervisor.Props(Options(probe)), "supervisor");
        await probe.ExpectMsgAsync("started");
        await FailAndExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));
        await FailAndExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(2));

        Time.Advance(TimeSpan.FromSeconds(30)); // the child survived the reset period

        await FailAndExpectRestartAfter(supervisor, probe, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void The_random_factor_adds_a_seeded_fraction_of_the_wait()
    {
        var options = Options(new TestProbe<string>(System), randomFactor: 0.5, random: new Random(7));
        var expected = new Random(7);

        Assert.Equal(TimeSpan.FromSeconds(1) * (1 + expected.NextDouble() * 0.5), options.Delay(0));
        Assert.Equal(TimeSpan.FromSeconds(4) * (1 + expected.NextDouble() * 0.5), options.Delay(2));
        Assert.Equal(TimeSpan.FromSeconds(8) * (1 + expected.NextDouble() * 0.5), options.Delay(40));
    }

    [Fact]
    public async Task A_child_that_stops_normally_stops_its_supervisor()
    {
        var probe = Probe<string>();
        var supervisor = System.ActorOf(BackoffSupervisor.Props(Options(probe)), "supervisor");
        await probe.ExpectMsgAsync("started");

        supervisor.Tell("done");

        await System.WhenStopped(supervisor).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(Time.ArmedDueIn);
    }
}
