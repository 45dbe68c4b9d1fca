using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Supervision;

public sealed class AdmissionTests
{
    [Fact]
    public async Task At_most_the_configured_transfers_run_and_the_rest_wait_queued_in_order()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=2MiB,on=put");
        var engine = await rig.StartEngineAsync(rig.Options("engine.supervisor.max-active-transfers=2"));
        var files = Enumerable.Range(1, 5).Select(i => rig.CreateFile($"admitted-{i}.bin", 2 * 1024 * 1024, seed: i)).ToList();
        var peakActive = 0;
        var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            var latest = new Dictionary<string, TransferPhase>();
            await foreach (var status in engine.WatchAsync(cancellationToken: watching.Token))
            {
                latest[status.Id] = status.Phase;
                peakActive = Math.Max(peakActive, latest.Values.Count(p => p == TransferPhase.Active));
            }
        });

        var ids = new List<string>();
        foreach (var file in files) ids.Add(await engine.StartUploadAsync(Support.Uploads.Of(file)));
        var early = await engine.ListAsync();

        Assert.Equal(3, early.Count(s => s.Phase == TransferPhase.Queued));
        Assert.Equal(ids[2..], early.Where(s => s.Phase == TransferPhase.Queued).Select(s => s.Id));
        Assert.All(early.Where(s => s.Phase == TransferPhase.Queued), s => Assert.Contains("engine.supervisor.max-active-transfers", s.QueuedReason));
        var finished = await Task.WhenAll(ids.Select(engine.FinishAsync));
        await watching.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher);

        Assert.All(finished, s => Assert.Equal(TransferPhase.Completed, s.Phase));
        Assert.Equal(2, peakActive);
        foreach (var file in files) rig.AssertStoredExactly(file, Path.GetFileName(file));
        Assert.Equal(5, rig.Emulator.Inspector.SessionsOpened);
    }
}
