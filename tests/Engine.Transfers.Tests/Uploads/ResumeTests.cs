using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Uploads;

/// <summary>Resuming what stopped: a failed upload once the cause is gone, a paused one across an engine restart.</summary>
public sealed class ResumeTests
{
    [Fact]
    public async Task A_failed_upload_resumes_in_its_session_once_the_server_recovers()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("partial:bytes=512KiB,on=put,nth=1");
        rig.Emulator.Faults.Add("status:code=503,on=put,nth=2,times=1000");
        var file = rig.CreateFile("outage.bin", 2 * 1024 * 1024);
        var engine = await rig.StartEngineAsync(rig.Options("engine.retry.max-attempts=2"));
        var id = await engine.StartUploadAsync(Support.Uploads.Of(file));

        var failed = await engine.FinishAsync(id);
        Assert.Equal(TransferPhase.Failed, failed.Phase);
        Assert.Contains("attempts", failed.LastError);
        Assert.Equal(512 * 1024, failed.BytesAcknowledged);

        rig.Emulator.Faults.Clear();
        await engine.ResumeAsync(id);
        var status = await engine.FinishAsync(id);

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.DoesNotContain("failed:", status.LastError ?? ""); // the failure is history once resumed
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
        rig.AssertStoredExactly(file, "outage.bin");
    }

    [Fact]
    public async Task A_paused_upload_stays_paused_across_a_restart_until_resumed()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=1MiB,on=put");
        var file = rig.CreateFile("held.bin", 4 * 1024 * 1024);
        var first = await rig.StartEngineAsync();
        var id = await first.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024));
        await Eventually.MatchAsync(() => first.GetStatusAsync(id), s => s.BytesAcknowledged > 0, "a chunk acknowledged");
        await first.PauseAsync(id);
        await first.DisposeAsync();
        rig.Emulator.Faults.Clear();

        var second = await rig.StartEngineAsync();
        var requestsAtStart = rig.Emulator.Inspector.RequestCount;
        var held = await second.GetStatusAsync(id);

        Assert.Equal(TransferPhase.Paused, held.Phase);
        Assert.Equal(requestsAtStart, rig.Emulator.Inspector.RequestCount);
        await second.ResumeAsync(id);
        var status = await second.FinishAsync(id);
        Assert.Equal(TransferPhase.Completed, status.Phase);
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
        rig.AssertStoredExactly(file, "held.bin");
    }
}
