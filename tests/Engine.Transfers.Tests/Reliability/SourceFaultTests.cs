using Engine.TestKit.Storage;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// The source file of an upload changes under it (deleted, truncated, unreadable) while the upload runs: that upload fails
/// with a message naming it and the file, another upload in the same engine completes byte-exact.
/// </summary>
public sealed class SourceFaultTests
{
    private static async Task<(TransferStatus Faulted, TransferStatus Other, EngineRig Rig)> RunAsync(Action<string> fault, string name)
    {
        var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=1MiB,on=put");
        var engine = await rig.StartEngineAsync();
        var victim = rig.CreateFile(name, 4 * 1024 * 1024, seed: 1);
        var other = rig.CreateFile("bystander.bin", 1024 * 1024, seed: 2);
        var victimId = await engine.StartUploadAsync(Support.Uploads.Of(victim, chunkSize: 256 * 1024));
        var otherId = await engine.StartUploadAsync(Support.Uploads.Of(other, chunkSize: 256 * 1024));
        await Eventually.MatchAsync(() => engine.GetStatusAsync(victimId), s => s.BytesAcknowledged > 0, "the first chunk acknowledged");

        fault(victim);

        return (await engine.FinishAsync(victimId), await engine.FinishAsync(otherId), rig);
    }

    [Theory]
    [InlineData("deleted")]
    [InlineData("truncated")]
    [InlineData("replaced")]
    public async Task A_source_file_changed_mid_upload_fails_that_upload_only(string change)
    {
        var (faulted, other, rig) = await RunAsync(path =>
        {
            switch (change)
            {
                case "deleted": File.Delete(path); break;
                case "truncated": using (var stream = File.OpenWrite(path)) stream.SetLength(300 * 1024); break;
                case "replaced": ReplaceWithOtherBytes(path); break;
            }
        }, $"source-{change}.bin");
        await using (rig)
        {
            Assert.Equal(TransferPhase.Failed, faulted.Phase);
            Assert.Contains(faulted.Id, faulted.LastError);
            Assert.Contains($"source-{change}.bin", faulted.LastError);
            Assert.Contains("source file", faulted.LastError);
            Assert.True(other.Phase == TransferPhase.Completed, other.LastError);
            rig.AssertStoredExactly(Path.Combine(rig.Directory, "bystander.bin"), "bystander.bin");
            Assert.DoesNotContain(rig.Emulator.Inspector.CompletedUploads, u => u.Title == $"source-{change}.bin");
        }
    }

    [NonRootFact]
    public async Task An_unreadable_source_file_fails_that_upload_only()
    {
        var (faulted, other, rig) = await RunAsync(path =>
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.None);
        }, "source-unreadable.bin");
        await using (rig)
        {
            Assert.Equal(TransferPhase.Failed, faulted.Phase);
            Assert.Contains("source-unreadable.bin", faulted.LastError);
            Assert.True(other.Phase == TransferPhase.Completed, other.LastError);
        }
    }

    /// <summary>Replaces <paramref name="path"/> by a same-size file of other bytes, as an editor saving over it would.</summary>
    private static void ReplaceWithOtherBytes(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Array.Reverse(bytes);
        var replacement = path + ".new";
        File.WriteAllBytes(replacement, bytes);
        File.Move(replacement, path, overwrite: true);
    }
}
