using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Uploads;

/// <summary>Each row of the spec's outcome table (resumable-upload §3, plus 408/429), injected by the emulator, through the whole engine.</summary>
public sealed class OutcomeTableTests
{
    private const int FileSize = 3 * 1024 * 1024 + 4321;

    [Theory]
    [InlineData("reset:after=1MiB,on=put,nth=1", 0, true)]
    [InlineData("reset:after=700KiB,on=put,nth=2", 512 * 1024, true)]
    [InlineData("status:code=500,on=put,nth=1", 0, true)]
    [InlineData("status:code=502,on=put,nth=1", 0, true)]
    [InlineData("status:code=503,on=put,nth=1,retry-after=1s", 0, true)]
    [InlineData("status:code=504,on=put,nth=2", 256 * 1024, true)]
    [InlineData("status:code=429,on=put,nth=1,retry-after=1s", 0, true)]
    [InlineData("status:code=408,on=put,nth=1", 0, true)]
    [InlineData("status:code=503,on=open,nth=1", 0, true)]
    // A 308 for part of the body is progress, not a fault: the next request starts at its Range end + 1.
    [InlineData("partial:bytes=1MiB,on=put,nth=1", 0, false)]
    [InlineData("partial:bytes=300KiB,status=503,on=put,nth=1", 512 * 1024, true)]
    public async Task Resumable_outcome_is_handled_and_the_upload_completes_byte_exact_in_one_session(string fault, long chunkSize, bool retries)
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add(fault);
        var file = rig.CreateFile("resumable.bin", FileSize);
        var engine = await rig.StartEngineAsync();

        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize));
        var status = await engine.FinishAsync(id);

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        rig.AssertStoredExactly(file, "resumable.bin");
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
        Assert.Equal(retries, status.Retries >= 1);
        Assert.Equal(retries, status.LastRetryCause is not null);
        Assert.Single(rig.Emulator.Inspector.FaultsFired);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(512 * 1024)]
    public async Task Expired_session_is_replaced_and_the_upload_restarts_from_byte_zero(long chunkSize)
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add(chunkSize == 0 ? "expire:on=put,nth=1" : "expire:on=put,nth=3");
        var file = rig.CreateFile("expiring.bin", FileSize);
        var engine = await rig.StartEngineAsync();

        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize));
        var status = await engine.FinishAsync(id);

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.Equal(2, status.SessionsOpened);
        Assert.Equal(2, rig.Emulator.Inspector.SessionsOpened);
        rig.AssertStoredExactly(file, "expiring.bin");
        // The second session received the whole file from byte 0.
        var second = rig.Emulator.Inspector.Sessions[1];
        Assert.Equal(FileSize, second.StoredLength);
    }

    [Fact]
    public async Task Sessions_expiring_more_often_than_allowed_fail_the_upload()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("expire:on=put");
        var file = rig.CreateFile("always-expiring.bin", 512 * 1024);
        var engine = await rig.StartEngineAsync(rig.Options("engine.upload.max-session-restarts=1"));

        var id = await engine.StartUploadAsync(Support.Uploads.Of(file));
        var status = await engine.FinishAsync(id);

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Equal(2, status.SessionsOpened);
        Assert.Contains("max-session-restarts", status.LastError);
        Assert.Contains(id, status.LastError);
    }

    [Theory]
    [InlineData(403)]
    [InlineData(400)]
    [InlineData(501)]
    [InlineData(505)]
    public async Task Other_status_fails_the_upload_with_the_servers_message(int code)
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add($"status:code={code},on=put");
        var file = rig.CreateFile("refused.bin", 512 * 1024);
        var engine = await rig.StartEngineAsync();

        var id = await engine.StartUploadAsync(Support.Uploads.Of(file));
        var status = await engine.FinishAsync(id);

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains($"HTTP {code}", status.LastError);
        Assert.Contains(id, status.LastError);
        Assert.Contains(file, status.LastError);
        Assert.Equal(0, status.Retries);
        Assert.Empty(rig.Emulator.Inspector.CompletedUploads);
    }
}
