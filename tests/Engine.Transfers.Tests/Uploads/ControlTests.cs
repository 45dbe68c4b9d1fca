using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Uploads;

/// <summary>Status, pause, resume and cancel are answered while a slow PUT is in flight.</summary>
public sealed class ControlTests
{
    private const int FileSize = 4 * 1024 * 1024;

    /// <summary>About 4 s for the whole file: long enough to act during the PUT, short enough for the suite.</summary>
    private const string SlowPut = "bandwidth:bps=1MiB,on=put";

    [Fact]
    public async Task Status_is_answered_during_a_put_with_live_bytes_sent()
    {
        await using var rig = await EngineRig.StartAsync();
        var (engine, file, id) = await StartSlowUploadAsync(rig, "watched.bin");

        var during = await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesSent > 0, "bytes on the wire");

        Assert.Equal(TransferPhase.Active, during.Phase);
        Assert.Equal(0, during.BytesAcknowledged); // one request: nothing is acknowledged before it ends
        Assert.Equal(FileSize, during.BytesTotal);
        Assert.Equal(1, during.SessionsOpened);
        rig.Emulator.Faults.Clear();
        Assert.Equal(TransferPhase.Completed, (await engine.FinishAsync(id)).Phase);
        rig.AssertStoredExactly(file, "watched.bin");
    }

    [Fact]
    public async Task Pause_during_a_put_stops_it_and_resume_continues_from_what_the_server_stored()
    {
        await using var rig = await EngineRig.StartAsync();
        var (engine, file, id) = await StartSlowUploadAsync(rig, "paused.bin");
        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesSent > 512 * 1024, "half a MiB on the wire");

        var paused = await engine.PauseAsync(id);

        Assert.Equal(TransferPhase.Paused, paused.Phase);
        await Eventually.MatchAsync(() => Task.FromResult(rig.Emulator.Inspector.Sessions[0].Interruptions), n => n == 1, "the server to see the PUT cut off");
        var storedWhilePaused = rig.Emulator.Inspector.Sessions[0].StoredLength;
        Assert.True(storedWhilePaused > 0 && storedWhilePaused < FileSize, $"stored {storedWhilePaused}");
        Assert.Equal(TransferPhase.Paused, (await engine.GetStatusAsync(id)).Phase);

        rig.Emulator.Faults.Clear();
        var requestsBefore = rig.Emulator.Inspector.Requests.Count;
        await engine.ResumeAsync(id);
        var status = await engine.FinishAsync(id);

        Assert.Equal(TransferPhase.Completed, status.Phase);
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
        rig.AssertStoredExactly(file, "paused.bin");
        var afterResume = rig.Emulator.Inspector.Requests.Skip(requestsBefore).ToList();
        Assert.Equal("query", afterResume[0].Target); // never assume what the server stored
        Assert.Equal(FileSize - storedWhilePaused, afterResume.Sum(r => r.BodyBytesReceived));
    }

    [Fact]
    public async Task Cancel_during_a_put_ends_the_upload_for_good()
    {
        await using var rig = await EngineRig.StartAsync();
        var (engine, _, id) = await StartSlowUploadAsync(rig, "cancelled.bin");
        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.BytesSent > 0, "bytes on the wire");
        var completion = engine.WaitForCompletionAsync(id);

        var cancelled = await engine.CancelAsync(id);

        Assert.Equal(TransferPhase.Cancelled, cancelled.Phase);
        Assert.Equal(TransferPhase.Cancelled, (await completion.WaitAsync(Support.Uploads.Patience)).Phase);
        Assert.Equal(TransferPhase.Cancelled, (await engine.GetStatusAsync(id)).Phase);
        Assert.Equal(TransferPhase.Cancelled, (await engine.ResumeAsync(id)).Phase);
        Assert.Empty(rig.Emulator.Inspector.CompletedUploads);
    }

    private static async Task<(TransferEngine Engine, string File, string Id)> StartSlowUploadAsync(EngineRig rig, string name)
    {
        rig.Emulator.Faults.Add(SlowPut);
        var file = rig.CreateFile(name, FileSize);
        var engine = await rig.StartEngineAsync();
        return (engine, file, await engine.StartUploadAsync(Support.Uploads.Of(file)));
    }

    [Fact]
    public async Task Watching_a_transfer_yields_its_progress_and_ends_with_its_final_status()
    {
        await using var rig = await EngineRig.StartAsync();
        var file = rig.CreateFile("observed.bin", FileSize);
        var engine = await rig.StartEngineAsync();
        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 1024 * 1024));

        var seen = new List<TransferStatus>();
        await foreach (var status in engine.WatchAsync(id).WithCancellation(new CancellationTokenSource(Support.Uploads.Patience).Token))
            seen.Add(status);

        Assert.Equal(TransferPhase.Completed, seen[^1].Phase);
        Assert.All(seen, s => Assert.Equal(id, s.Id));
        var acknowledged = seen.Select(s => s.BytesAcknowledged).ToList();
        Assert.Equal(acknowledged.OrderBy(a => a), acknowledged);
    }

    [Fact]
    public async Task Unknown_ids_and_bad_requests_are_refused_with_clear_errors()
    {
        await using var rig = await EngineRig.StartAsync();
        var engine = await rig.StartEngineAsync();
        var file = rig.CreateFile("fine.bin", 1024);

        var unknown = await Assert.ThrowsAsync<UnknownTransferException>(() => engine.GetStatusAsync("upload-nope"));
        Assert.Contains("upload-nope", unknown.Message);
        await Assert.ThrowsAsync<UnknownTransferException>(() => engine.WaitForCompletionAsync("upload-nope"));
        var missing = await Assert.ThrowsAsync<FileNotFoundException>(() => engine.StartUploadAsync(Support.Uploads.Of(Path.Combine(rig.Directory, "absent.mp4"))));
        Assert.Contains("absent.mp4", missing.Message);
        var chunk = await Assert.ThrowsAsync<ArgumentException>(() => engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 1000)));
        Assert.Contains("256 KiB", chunk.Message);
        var metadata = await Assert.ThrowsAsync<ArgumentException>(() => engine.StartUploadAsync(Support.Uploads.Of(file) with { MetadataJson = "[1]" }));
        Assert.Contains("JSON object", metadata.Message);
    }
}
