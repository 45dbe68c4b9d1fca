using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

public sealed class PlainDownloadTests
{
    [Fact]
    public async Task A_blob_is_downloaded_byte_exact_through_one_operation()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("plainblob", 3 * DriveBed.MiB + 12345);
        var engine = await rig.StartDownloadEngineAsync();

        var id = await engine.StartDownloadAsync(rig.RequestFor("plainblob"));
        var status = await engine.FinishAsync(id);

        Assert.StartsWith("download-", id);
        DriveBed.AssertExactly(rig.DestinationFor("plainblob"), file.Head.Content, status);
        Assert.Equal(1, rig.Emulator.Inspector.DownloadCalls("plainblob"));
        Assert.Equal(1, status.SessionsOpened);
        Assert.True(status.Polls >= 1);
        DriveBed.AssertNoPartialFile(rig.DestinationFor("plainblob"));
    }

    [Fact]
    public async Task An_empty_blob_becomes_an_empty_file_without_a_content_request()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("emptyblob", 0);
        var engine = await rig.StartDownloadEngineAsync();

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.DoesNotContain(rig.Emulator.Inspector.Requests, r => r.Target == "content");
    }

    [Fact]
    public async Task The_journal_lists_a_finished_download_with_its_checksum()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("listedblob", 1000);
        var engine = await rig.StartDownloadEngineAsync();
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        await engine.FinishAsync(id);
        await engine.DisposeAsync();

        var listed = Assert.Single(await TransferJournalQuery.ListAsync(rig.DownloadOptions()));

        Assert.Equal((id, TransferKind.Download, TransferPhase.Completed), (listed.Id, listed.Kind, listed.Phase));
        Assert.Equal((file.Id, rig.DestinationFor(file.Id)), (listed.Source, listed.Destination));
        Assert.Equal(file.Head.Content.ComputeSha256(), listed.Sha256);
        Assert.Equal(1000, listed.BytesAcknowledged);
    }
}
