using Engine.Emulator;
using Engine.Emulator.Faults;
using Engine.Protocol.Headers;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>An engine disposed mid-poll or mid-content; a new engine on the same journal finishes without redoing work.</summary>
public sealed class RestartTests
{
    [Fact]
    public async Task Disposed_while_polling_a_new_engine_waits_out_the_recorded_backoff_and_reuses_the_operation()
    {
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { OperationPendingPolls = 8 });
        var file = rig.AddBlob("pollcrash", 2 * DriveBed.MiB + 3);
        string[] slowPolls = ["engine.download.poll.initial-delay=150ms", "engine.download.poll.max-delay=300ms"];
        var first = await rig.StartDownloadEngineAsync(slowPolls);
        var id = await first.StartDownloadAsync(rig.RequestFor(file.Id));
        await Eventually.MatchAsync(() => first.GetStatusAsync(id), s => s.Polls >= 2, "two polls recorded");
        await first.DisposeAsync();
        var lastPoll = (await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<PollResult>().Last();
        var pollsBefore = PollTimes(rig);

        var second = await rig.StartDownloadEngineAsync(slowPolls);
        var status = await second.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.Equal(1, rig.Emulator.Inspector.DownloadCalls(file.Id));
        var pollsAfter = PollTimes(rig).Skip(pollsBefore.Count).ToList();
        Assert.NotEmpty(pollsAfter);
        Assert.True(pollsAfter[0] - pollsBefore[^1] >= lastPoll.NextDelay,
            $"the first poll after the restart came {(pollsAfter[0] - pollsBefore[^1]).TotalMilliseconds} ms after the last one, inside its recorded backoff of {lastPoll.NextDelay.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Disposed_while_fetching_content_a_new_engine_fetches_only_the_ranges_not_yet_written()
    {
        const long size = 6 * DriveBed.MiB + 1001;
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("contentcrash", size);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new CapBandwidth(DriveBed.MiB / 2)));
        // Snapshots every few events: the new engine recovers from a snapshot plus the events after it.
        string[] settings = ["engine.download.segments=4", "engine.persistence.snapshot-every=3"];
        var first = await rig.StartDownloadEngineAsync(settings);
        var id = await first.StartDownloadAsync(rig.RequestFor(file.Id));
        await Eventually.MatchAsync(() => first.GetStatusAsync(id), s => s.BytesAcknowledged > 0, "some bytes written");
        await first.DisposeAsync();
        var written = (await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<BytesWritten>().ToList();
        Assert.True(written.Sum(w => w.End - w.Start) < size, "the download finished before the engine was disposed");
        Assert.NotNull((await JournalEvents.SnapshotAsync(rig.DownloadOptions(), id))?.ContentUri);
        rig.Emulator.Faults.Clear();
        var restartedAt = DateTimeOffset.UtcNow;

        var second = await rig.StartDownloadEngineAsync(settings);
        var status = await second.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.Equal(1, rig.Emulator.Inspector.DownloadCalls(file.Id));
        var refetched = rig.Emulator.Inspector.Requests.Where(r => r.Target == "content" && r.Time >= restartedAt).Select(r => RangeOf(r.Headers["Range"])).ToList();
        Assert.NotEmpty(refetched);
        foreach (var range in refetched)
            Assert.DoesNotContain(written, w => w.Start < range.End && range.Offset < w.End);
    }

    private static List<DateTimeOffset> PollTimes(EngineRig rig) => [.. Assert.Single(rig.Emulator.Inspector.Operations).PollTimes];

    /// <summary>"bytes=FIRST-LAST" as a range.</summary>
    private static ByteRange RangeOf(string header)
    {
        var bounds = header["bytes=".Length..].Split('-');
        var first = long.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture);
        return new ByteRange(first, long.Parse(bounds[1], System.Globalization.CultureInfo.InvariantCulture) - first + 1);
    }
}
