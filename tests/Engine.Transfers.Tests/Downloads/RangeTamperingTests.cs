using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>A server that ignores a range, or serves other bytes than asked: nothing of it is written, and only that segment restarts.</summary>
public sealed class RangeTamperingTests
{
    private const long Size = 4 * DriveBed.MiB + 321;

    public static TheoryData<string> Tampering => ["ignored", "shifted"];

    [Theory]
    [MemberData(nameof(Tampering))]
    public async Task A_misanswered_range_is_never_written_and_only_its_segment_is_fetched_again(string tampering)
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.AddBlob("tampered" + tampering, Size);
        await using var proxy = new RangeTamperingProxy(rig.Emulator.BaseAddress, victim: 2, tampering == "ignored" ? _ => null : Shift);
        var engine = await rig.StartEngineAsync(rig.DownloadOptions("engine.download.segments=4", $"engine.download.endpoint=\"{proxy.Address.AbsoluteUri.TrimEnd('/')}\""));

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.NotNull(proxy.TamperedRange);
        var served = Assert.Single(rig.Emulator.Inspector.Operations).RangesServed;
        var misanswered = Assert.Single(served, r => tampering == "ignored" ? r.Status == 200 : $"bytes={r.First - 1}-{r.Last}" == proxy.TamperedRange);
        Assert.True(misanswered.Aborted || misanswered.BytesSent == misanswered.Last - misanswered.First + 1);
        // Apart from the misanswered one, the 206 answers tile the file exactly once: no other segment was fetched again.
        var proper = served.Where(r => r != misanswered).OrderBy(r => r.First).ToList();
        Assert.All(proper, r => Assert.Equal((206, false), (r.Status, r.Aborted)));
        for (var i = 0; i < proper.Count; i++) Assert.Equal(i == 0 ? 0 : proper[i - 1].Last + 1, proper[i].First);
        Assert.Equal(Size - 1, proper[^1].Last);
        Assert.Contains(proper, r => $"bytes={r.First}-{r.Last}" == proxy.TamperedRange);
        Assert.True(status.Retries >= 1);
    }

    /// <summary>"bytes=A-B" asked as "bytes=(A+1)-B": the server answers 206 for other bytes than the engine asked.</summary>
    private static string Shift(string range)
    {
        var bounds = range["bytes=".Length..].Split('-');
        return $"bytes={long.Parse(bounds[0], System.Globalization.CultureInfo.InvariantCulture) + 1}-{bounds[1]}";
    }
}
