using Engine.TestKit;

namespace Engine.Actors.Tests.Persistence;

public sealed class RecoveryPermitTests : PersistenceTest
{
    protected override int MaxConcurrentRecoveries => 2;

    [Fact]
    public async Task At_most_the_configured_number_of_actors_recover_at_once()
    {
        var ids = Enumerable.Range(1, 5).Select(i => $"c-{i}").ToList();
        foreach (var id in ids) await Store(id, new Added(1));
        Journal.DelayRecoveries(FaultSelector.Any, TimeSpan.FromSeconds(1));
        var probe = Probe<object>();

        foreach (var id in ids) Counter(id, probe);

        var recovered = 0;
        foreach (var expectedInFlight in new[] { 2, 2, 1 })
        {
            await Conditions.AwaitAsync(() => Journal.ReplaysInFlight == expectedInFlight && Time.ArmedTimers == expectedInFlight,
                $"{expectedInFlight} replays are held");
            await probe.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(50));
            Assert.Equal(expectedInFlight, Journal.ReplaysInFlight); // the others wait for a permit
            Time.Advance(TimeSpan.FromSeconds(1));
            for (var i = 0; i < expectedInFlight; i++) Assert.Equal(new Recovered(1, 1), await probe.ExpectMsgAsync<Recovered>());
            recovered += expectedInFlight;
        }

        Assert.Equal(5, recovered);
        Assert.Equal(2, Journal.PeakReplaysInFlight);
    }
}
