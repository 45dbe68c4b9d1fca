using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Uploads;

/// <summary>An engine stopped mid-transfer; a new engine on the same journal picks the upload up.</summary>
public sealed class RestartTests
{
    // Large against the loopback socket buffers (several MiB), which the server still drains after the client stops.
    private const int FileSize = 32 * 1024 * 1024;

    [Theory]
    [InlineData(0, 100)]
    [InlineData(256 * 1024, 3)] // many acknowledgements: recovery starts from a snapshot
    public async Task A_new_engine_finishes_the_upload_in_the_same_session_resending_only_what_the_server_lacks(long chunkSize, int snapshotEvery)
    {
        await using var rig = await EngineRig.StartAsync();
        var options = rig.Options($"engine.persistence.snapshot-every={snapshotEvery}");
        var (file, id, _) = await InterruptedUploadAsync(rig, "restarted.bin", options, chunkSize);
        var requestsBefore = rig.Emulator.Inspector.Requests.Count;

        var engine = await rig.StartEngineAsync(options);
        var status = await engine.FinishAsync(id);

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.Equal(1, status.SessionsOpened);
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
        rig.AssertStoredExactly(file, "restarted.bin");
        // The new engine first asked what the server stored, then sent only the rest.
        var afterRestart = rig.Emulator.Inspector.Requests.Skip(requestsBefore).SkipWhile(r => r.Target != "query").ToList();
        var storedAtRestart = StoredBytes(afterRestart[0]);
        var resent = afterRestart.Where(r => !r.Aborted).Sum(r => r.BodyBytesReceived);
        Assert.InRange(storedAtRestart, 1, FileSize - 1);
        Assert.True(resent <= FileSize - storedAtRestart, $"re-sent {resent} bytes, but the server lacked only {FileSize - storedAtRestart}");
    }

    [Fact]
    public async Task A_source_file_changed_between_runs_fails_the_upload_instead_of_mixing_versions()
    {
        await using var rig = await EngineRig.StartAsync();
        var (file, id, _) = await InterruptedUploadAsync(rig, "edited.bin");
        await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
            await stream.WriteAsync(new byte[1000]);

        var engine = await rig.StartEngineAsync();
        var status = await engine.FinishAsync(id);

        Assert.Equal(TransferPhase.Failed, status.Phase);
        Assert.Contains("changed since the upload began", status.LastError);
        Assert.Contains(file, status.LastError);
        Assert.Empty(rig.Emulator.Inspector.CompletedUploads);
    }

    [Fact]
    public async Task The_journal_lists_transfers_without_starting_them()
    {
        await using var rig = await EngineRig.StartAsync();
        var done = rig.CreateFile("listed-done.bin", 300 * 1024);
        var engine = await rig.StartEngineAsync();
        var doneId = await engine.StartUploadAsync(Support.Uploads.Of(done));
        await engine.FinishAsync(doneId);
        await engine.DisposeAsync();
        var (_, unfinishedId, stored) = await InterruptedUploadAsync(rig, "listed-unfinished.bin");

        var listed = await TransferJournalQuery.ListAsync(rig.Options());

        Assert.Equal([doneId, unfinishedId], listed.Select(s => s.Id));
        Assert.Equal(TransferPhase.Completed, listed[0].Phase);
        Assert.NotNull(listed[0].ResourceJson);
        Assert.Equal(TransferPhase.Active, listed[1].Phase);
        Assert.True(listed[1].BytesAcknowledged <= stored);
        Assert.Empty(await TransferJournalQuery.ListAsync(rig.Options($"engine.persistence.sqlite.path=\"{Path.Combine(rig.Directory, "none.db")}\"")));
    }

    /// <summary>Starts a slow upload, disposes its engine once the server stored 2 MiB, and returns what the server stored.</summary>
    private static async Task<(string File, string Id, long Stored)> InterruptedUploadAsync(EngineRig rig, string name,
        TransferEngineOptions? options = null, long chunkSize = 0)
    {
        rig.Emulator.Faults.Add("bandwidth:bps=8MiB,on=put");
        var file = rig.CreateFile(name, FileSize);
        var engine = await rig.StartEngineAsync(options);
        var id = await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize));
        await Eventually.MatchAsync(() => Task.FromResult(rig.Emulator.Inspector.Sessions.Count > 0 ? rig.Emulator.Inspector.Sessions[^1].StoredLength : 0),
            stored => stored > 2 * 1024 * 1024, "2 MiB stored by the server");

        await engine.DisposeAsync();

        // One request carries the whole file, so disposing cut it off; between chunks nothing may be in flight.
        var session = chunkSize == 0
            ? await Eventually.MatchAsync(() => Task.FromResult(rig.Emulator.Inspector.Sessions[^1]), s => s.Interruptions == 1, "the server to see the PUT cut off")
            : rig.Emulator.Inspector.Sessions[^1];
        Assert.InRange(session.StoredLength, 1, FileSize - 1);
        rig.Emulator.Faults.Clear();
        return (file, id, session.StoredLength);
    }

    /// <summary>What a status query's answer says the server stores (<c>Range: bytes=0-N</c>, absent for none).</summary>
    private static long StoredBytes(Engine.Emulator.Inspection.RequestLogEntry query) =>
        query.ResponseHeaders.TryGetValue("Range", out var range) ? long.Parse(range[(range.IndexOf('-') + 1)..]) + 1 : 0;
}
