using Engine.Emulator.Faults;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>Status, pause, resume and cancel answered while content flows; bad requests refused with clear messages.</summary>
public sealed class ControlTests
{
    private const long Size = 4 * DriveBed.MiB + 5;

    [Fact]
    public async Task Status_and_pause_are_answered_while_content_flows_and_a_resume_finishes_byte_exact()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("paused", Size);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new CapBandwidth(DriveBed.MiB)));
        var engine = await rig.StartDownloadEngineAsync();
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));

        var moving = await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesSent > 0, "bytes received");
        Assert.Equal(TransferPhase.Active, moving.Phase);
        Assert.Equal(Size, moving.BytesTotal);
        Assert.Equal(TransferKind.Download, moving.Kind);
        Assert.Equal(file.Id, moving.Source);
        var paused = await engine.PauseAsync(id);
        Assert.Equal(TransferPhase.Paused, paused.Phase);
        Assert.False(File.Exists(rig.DestinationFor(file.Id)));
        rig.Emulator.Faults.Clear();
        await engine.ResumeAsync(id);
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.Equal(1, rig.Emulator.Inspector.DownloadCalls(file.Id));
        var events = await JournalEvents.ReadAsync(rig.DownloadOptions(), id);
        Assert.Single(events.OfType<DownloadPaused>());
        Assert.Single(events.OfType<DownloadResumed>());
    }

    [Fact]
    public async Task Cancel_while_content_flows_leaves_neither_destination_nor_partial_file()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("cancelled", Size);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new CapBandwidth(DriveBed.MiB)));
        var engine = await rig.StartDownloadEngineAsync();
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesSent > 0, "bytes received");

        var cancelled = await engine.CancelAsync(id);

        Assert.Equal(TransferPhase.Cancelled, cancelled.Phase);
        Assert.Equal(TransferPhase.Cancelled, (await engine.FinishAsync(id)).Phase);
        Assert.False(File.Exists(rig.DestinationFor(file.Id)));
        DriveBed.AssertNoPartialFile(rig.DestinationFor(file.Id));
    }

    [Fact]
    public async Task A_request_that_cannot_be_run_is_refused_before_it_is_recorded()
    {
        await using var rig = await EngineRig.StartAsync();
        var engine = await rig.StartDownloadEngineAsync();
        var existing = Path.Combine(rig.Directory, "exists.bin");
        await File.WriteAllBytesAsync(existing, [1]);

        Assert.Contains("already exists", (await Assert.ThrowsAsync<ArgumentException>(() => engine.StartDownloadAsync(new DownloadRequest("abc", existing)))).Message);
        Assert.Contains("is a directory", (await Assert.ThrowsAsync<ArgumentException>(() => engine.StartDownloadAsync(new DownloadRequest("abc", rig.Directory)))).Message);
        Assert.Contains("folder does not exist", (await Assert.ThrowsAsync<ArgumentException>(() =>
            engine.StartDownloadAsync(new DownloadRequest("abc", Path.Combine(rig.Directory, "no", "such.bin"))))).Message);
        Assert.Contains("needs a revision id", (await Assert.ThrowsAsync<ArgumentException>(() =>
            engine.StartDownloadAsync(rig.RequestFor("abc") with { RevisionMedia = true }))).Message);
        Assert.Contains("file id", (await Assert.ThrowsAsync<ArgumentException>(() => engine.StartDownloadAsync(rig.RequestFor(" ")))).Message);
        Assert.Empty(await engine.ListAsync());
    }
}
