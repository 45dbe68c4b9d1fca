using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Supervision;

public sealed class BurstTests
{
    [Fact]
    public async Task Ten_thousand_starts_at_once_are_all_recorded_with_a_mailbox_a_hundred_times_smaller()
    {
        const int starts = 10_000;
        await using var rig = await EngineRig.StartAsync();
        // The admitted uploads never get their session, so the test is about the starts alone.
        rig.Emulator.Faults.Add("latency:delay=1h,on=open");
        var engine = await rig.StartEngineAsync(rig.Options(
            "engine.actors.mailbox-capacity=100",
            "engine.supervisor.max-pending-starts=64",
            "engine.supervisor.max-active-transfers=8"));
        var file = rig.CreateFile("burst.bin", 1024);

        var ids = await Task.WhenAll(Enumerable.Range(0, starts).Select(_ => Task.Run(() => engine.StartUploadAsync(Support.Uploads.Of(file)))));

        Assert.Equal(starts, ids.Distinct().Count());
        var listed = await engine.ListAsync();
        Assert.Equal(starts, listed.Count);
        Assert.Equal(8, listed.Count(s => s.Phase == TransferPhase.Active));
        Assert.Equal(starts - 8, listed.Count(s => s.Phase == TransferPhase.Queued));
    }
}
