using Engine.Emulator.Drive;
using Engine.Emulator.Faults;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>Ranged segments, resumption after a reset, and content without range support.</summary>
public sealed class ContentTests
{
    private const long Size = 4 * DriveBed.MiB + 777;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task Ranged_content_arrives_byte_exact_in_segments_that_tile_the_file_once(int segments)
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("tiled" + segments, Size);
        var engine = await rig.StartDownloadEngineAsync($"engine.download.segments={segments}");

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var served = Assert.Single(rig.Emulator.Inspector.Operations).RangesServed.OrderBy(r => r.First).ToList();
        Assert.All(served, r => Assert.Equal(206, r.Status));
        Assert.Equal(5, served.Count); // 1 MiB segments (engine.download.segment-size) over 4 MiB + 777 bytes
        for (var i = 0; i < served.Count; i++)
        {
            Assert.Equal(i == 0 ? 0 : served[i - 1].Last + 1, served[i].First);
            Assert.Equal(served[i].Last - served[i].First + 1, served[i].BytesSent);
        }
        Assert.Equal(Size - 1, served[^1].Last);
    }

    [Fact]
    public async Task A_reset_mid_segment_keeps_the_bytes_received_and_fetches_only_the_rest_of_that_segment()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("resetblob", Size);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new ResetConnection(300_000), FaultTrigger.Nth(2)));
        var engine = await rig.StartDownloadEngineAsync("engine.download.segments=4");

        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var served = Assert.Single(rig.Emulator.Inspector.Operations).RangesServed;
        var cut = Assert.Single(served, r => r.Aborted);
        var kept = (await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<BytesWritten>().Single(w => w.Start == cut.First && w.End < cut.Last + 1);
        Assert.True(kept.End > kept.Start, "the bytes received before the reset were not kept");
        var rest = Assert.Single(served, r => r.First == kept.End);
        Assert.Equal(cut.Last, rest.Last);
        Assert.Equal(Size + (cut.BytesSent - (kept.End - kept.Start)), served.Sum(r => r.BytesSent));
        Assert.True(status.Retries >= 1);
    }

    [Fact]
    public async Task Content_without_range_support_starts_again_from_byte_zero_after_a_reset()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.Emulator.Files.Add(new DriveFileRegistration("clip", DriveFileKind.Vids, FileContent.Generated(3 * DriveBed.MiB + 1, 41)) { Id = "vidsclip" });
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new ResetConnection(DriveBed.MiB), FaultTrigger.Nth(1)));
        var engine = await rig.StartDownloadEngineAsync();

        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var served = Assert.Single(rig.Emulator.Inspector.Operations).RangesServed;
        Assert.Equal(2, served.Count);
        Assert.All(served, r => Assert.Equal((0, 200), (r.First, r.Status)));
        Assert.True(served[0].Aborted);
        var events = await JournalEvents.ReadAsync(rig.DownloadOptions(), id);
        var restarted = events.ToList().FindIndex(e => e is ContentRestarted);
        Assert.True(restarted >= 0, "no ContentRestarted recorded");
        Assert.DoesNotContain(events.Take(restarted), e => e is BytesWritten);
        Assert.Equal(new BytesWritten(0, file.Head.Content.Length), Assert.Single(events.OfType<BytesWritten>()));
    }

    [Fact]
    public async Task The_destination_appears_only_complete()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("watched", Size);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new CapBandwidth(4 * DriveBed.MiB)));
        var engine = await rig.StartDownloadEngineAsync("engine.download.segments=2");
        var destination = rig.DestinationFor(file.Id);

        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));
        var finished = engine.FinishAsync(id);
        var sawPartial = false;
        while (!finished.IsCompleted)
        {
            sawPartial |= Directory.GetFiles(rig.Directory, "out-watched.*.partial").Length > 0;
            if (File.Exists(destination)) Assert.Equal(Size, new FileInfo(destination).Length);
            await Task.Delay(5);
        }

        DriveBed.AssertExactly(destination, file.Head.Content, await finished);
        Assert.True(sawPartial, "the content was never written beside the destination first");
        DriveBed.AssertNoPartialFile(destination);
    }
}
