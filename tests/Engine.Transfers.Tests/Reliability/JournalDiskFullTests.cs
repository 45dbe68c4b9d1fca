using Engine.TestKit.Storage;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// The journal's disk fills up while uploads run (a real 2 MiB tmpfs): journal writes fail with a message naming the
/// transfer, the actors retry under backoff, and once space is freed every upload completes byte-exact in its first
/// session.
/// </summary>
public sealed class JournalDiskFullTests
{
    [RootFact]
    public async Task Uploads_survive_a_full_journal_disk_and_complete_once_space_is_freed()
    {
        await using var rig = await EngineRig.StartAsync();
        using var volume = new TinyVolume();
        rig.Emulator.Faults.Add("bandwidth:bps=1MiB,on=put");
        var logs = new CapturedLogs();
        var options = rig.Options($"engine.persistence.sqlite.path=\"{Path.Combine(volume.Path, "journal.db")}\"");
        await using var engine = await TransferEngine.StartAsync(options, new Engine.Transfers.Tokens.StaticAccessTokenSource(EngineRig.Token), logs);
        var files = Enumerable.Range(1, 2).Select(i => rig.CreateFile($"full-{i}.bin", 2 * 1024 * 1024, seed: i)).ToArray();
        var ids = new List<string>();
        foreach (var file in files) ids.Add(await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024)));

        var filler = volume.FillUp();
        await Eventually.MatchAsync(() => Task.FromResult(logs.All), text => text.Contains("disk full", StringComparison.Ordinal),
            "a journal write refused for lack of space");
        File.Delete(filler);

        var ends = await Task.WhenAll(ids.Select(engine.FinishAsync));
        Assert.All(ends, s => Assert.True(s.Phase == TransferPhase.Completed, s.LastError));
        Assert.All(ends, s => Assert.Equal(1, s.SessionsOpened));
        foreach (var file in files) rig.AssertStoredExactly(file, Path.GetFileName(file));
        var full = logs.Lines.First(l => l.Contains("disk full", StringComparison.Ordinal));
        Assert.Contains("upload-", full);
        Assert.Contains("Free space", full);
    }
}
