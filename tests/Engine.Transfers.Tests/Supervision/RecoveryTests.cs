using Engine.TestKit;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Supervision;

public sealed class RecoveryTests
{
    [Fact]
    public async Task Every_unfinished_transfer_in_the_journal_is_resumed_within_the_recovery_limit()
    {
        const int transfers = 40;
        await using var rig = await EngineRig.StartAsync();
        // First engine: one slot, held by an upload retrying a failing session open, so the others are recorded and left queued.
        rig.Emulator.Faults.Add("status:code=503,on=open");
        var first = await rig.StartEngineAsync(rig.Options("engine.supervisor.max-active-transfers=1", "engine.retry.max-attempts=100000"));
        var files = Enumerable.Range(1, transfers).Select(i => rig.CreateFile($"recovered-{i}.bin", 96 * 1024, seed: i)).ToList();
        var ids = new List<string>();
        foreach (var file in files) ids.Add(await first.StartUploadAsync(Support.Uploads.Of(file)));
        Assert.Equal(transfers - 1, (await first.ListAsync()).Count(s => s.Phase == TransferPhase.Queued));
        await first.DisposeAsync();
        rig.Emulator.Faults.Clear();

        FaultInjectingJournal? journal = null;
        var second = await rig.StartEngineAsync(rig.Options("engine.persistence.recovery.max-concurrent=4"), inner => journal = new FaultInjectingJournal(inner));
        var finished = await Task.WhenAll(ids.Select(second.FinishAsync));

        Assert.All(finished, s => Assert.Equal(TransferPhase.Completed, s.Phase));
        Assert.InRange(journal!.PeakReplaysInFlight, 1, 4);
        Assert.Equal(transfers, rig.Emulator.Inspector.SessionsOpened);
        foreach (var file in files) rig.AssertStoredExactly(file, Path.GetFileName(file));
    }
}
