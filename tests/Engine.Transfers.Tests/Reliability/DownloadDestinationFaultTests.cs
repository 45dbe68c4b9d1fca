using Engine.TestKit.Storage;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// The destination of a download fails under it (disk full, folder removed, no permission): a clear error naming the
/// transfer and the destination, nothing incomplete at the destination, and (disk full) a resume completes byte-exact.
/// </summary>
public sealed class DownloadDestinationFaultTests
{
    [RootFact]
    public async Task A_full_disk_mid_download_fails_clearly_keeps_the_partial_data_and_resumes_once_space_is_there()
    {
        await using var rig = await EngineRig.StartAsync();
        using var volume = new TinyVolume();
        var file = rig.AddBlob("fullblob", 5 * DriveBed.MiB);
        // One segment stream of 256 KiB ranges: the ranges that fit before the disk is full are all recorded.
        var engine = await rig.StartDownloadEngineAsync("engine.download.segments=1", "engine.download.segment-size=256KiB");
        var destination = Path.Combine(volume.Path, "full.bin");

        var id = await engine.StartDownloadAsync(new DownloadRequest(file.Id, destination));
        var failed = await engine.FinishAsync(id);

        Assert.Equal(TransferPhase.Failed, failed.Phase);
        Assert.Contains(id, failed.LastError);
        Assert.Contains("space", failed.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.False(File.Exists(destination), "an incomplete file appeared at the destination");
        Assert.True(failed.BytesAcknowledged > 0, "no partial data was kept");

        volume.Grow(16);
        await engine.ResumeAsync(id);
        var resumed = await engine.FinishAsync(id);

        DriveBed.AssertExactly(destination, file.Head.Content, resumed);
        DriveBed.AssertNoPartialFile(destination);
    }

    [Fact]
    public async Task A_destination_folder_removed_mid_download_fails_clearly_with_nothing_at_the_destination()
    {
        await using var rig = await EngineRig.StartAsync();
        // One slow segment stream: the folder goes while most of the file is still to come, however loaded the box.
        rig.Emulator.Faults.Add("bandwidth:bps=256KiB,on=content");
        var file = rig.AddBlob("goneblob", 3 * DriveBed.MiB);
        var engine = await rig.StartDownloadEngineAsync("engine.download.segments=1", "engine.download.segment-size=256KiB");
        var folder = Path.Combine(rig.Directory, "out");
        Directory.CreateDirectory(folder);
        var destination = Path.Combine(folder, "gone.bin");

        var id = await engine.StartDownloadAsync(new DownloadRequest(file.Id, destination));
        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesAcknowledged > 0, "a first range written");
        Directory.Delete(folder, recursive: true);
        var failed = await engine.FinishAsync(id);

        Assert.Equal(TransferPhase.Failed, failed.Phase);
        Assert.Contains(id, failed.LastError);
        Assert.Contains(folder, failed.LastError);
        Assert.False(File.Exists(destination));
    }

    [Fact]
    public async Task A_partial_file_removed_after_its_last_range_was_written_is_fetched_again_on_resume()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=512KiB,on=content");
        var file = rig.AddBlob("sealblob", 1 * DriveBed.MiB);
        var engine = await rig.StartDownloadEngineAsync("engine.download.segments=1", "engine.download.segment-size=256KiB");
        var destination = Path.Combine(rig.Directory, "sealed.bin");

        // A file appearing at the destination makes sealing refuse to overwrite it, after every range was written.
        var id = await engine.StartDownloadAsync(new DownloadRequest(file.Id, destination));
        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesAcknowledged > 0, "a first range written");
        await File.WriteAllTextAsync(destination, "someone else's file");
        var failed = await engine.FinishAsync(id);
        Assert.Equal(TransferPhase.Failed, failed.Phase);
        Assert.Contains("appeared", failed.LastError);

        File.Delete(destination);
        foreach (var partial in Directory.GetFiles(rig.Directory, "sealed.bin.*.partial")) File.Delete(partial);
        await engine.ResumeAsync(id);
        var resumed = await engine.FinishAsync(id);

        DriveBed.AssertExactly(destination, file.Head.Content, resumed);
        DriveBed.AssertNoPartialFile(destination);
    }

    [NonRootFact]
    public async Task A_destination_folder_without_write_permission_fails_clearly()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("deniedblob", DriveBed.MiB);
        var engine = await rig.StartDownloadEngineAsync();
        var folder = Path.Combine(rig.Directory, "readonly");
        Directory.CreateDirectory(folder);
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(new DownloadRequest(file.Id, Path.Combine(folder, "denied.bin"))));

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains(folder, status.LastError);
    }
}
