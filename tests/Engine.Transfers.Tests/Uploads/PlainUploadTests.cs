using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Uploads;

public sealed class PlainUploadTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(256 * 1024)]
    [InlineData(1024 * 1024)]
    public async Task Upload_stores_the_exact_bytes_in_one_session(long chunkSize)
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.CreateFile($"plain-{chunkSize}.bin", 3 * 1024 * 1024 + 12345);
        var engine = await rig.StartEngineAsync();

        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize));
        var status = await engine.FinishAsync(id);

        Assert.StartsWith("upload-", id);
        Assert.Equal(TransferPhase.Completed, status.Phase);
        Assert.Equal(status.BytesTotal, status.BytesAcknowledged);
        Assert.Equal(1, status.SessionsOpened);
        Assert.Contains("\"id\"", status.ResourceJson);
        rig.AssertStoredExactly(file, Path.GetFileName(file));
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
    }

    [Fact]
    public async Task An_empty_file_is_uploaded_as_one_empty_put()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.CreateFile("empty.bin", 0);
        var engine = await rig.StartEngineAsync();

        var status = await engine.FinishAsync(await engine.StartUploadAsync(Support.Uploads.Of(file)));

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.Equal(0, status.BytesTotal);
        rig.AssertStoredExactly(file, "empty.bin");
    }
}
