using Engine.Transfers.Configuration;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Tests.Supervision;

/// <summary>The supervisor alone: queued and paused transfers hold no actor, and come back on demand as they were.</summary>
public sealed class PassivationTests
{
    [Fact]
    public async Task Queued_transfers_are_passivated_once_recorded_and_spawned_again_when_admitted()
    {
        await using var bed = SupervisorBed.Start(new SupervisorOptions { MaxActiveTransfers = 1 });
        using var metrics = new Support.MetricsRecorder(bed.Metrics.Meter);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++) ids.Add(await bed.StartAsync(TransferKind.Upload));

        await bed.AwaitLiveActorsAsync(1);
        Assert.Equal(1, metrics.Gauge(bed.Metrics.Meter, "engine.transfers.actors"));
        Assert.Equal(5, bed.Uploads.Spawned);
        Assert.All(ids[1..], id => Assert.Equal(TransferPhase.Queued, bed.Feed.Latest(id)!.Phase));

        await bed.FinishAsync(ids[0]);
        await bed.AwaitPhaseAsync(ids[1], TransferPhase.Active);

        Assert.Equal(6, bed.Uploads.Spawned); // the second came back for its turn
        await bed.AwaitLiveActorsAsync(1);
        foreach (var id in ids[1..]) await bed.FinishAsync(id);
        await bed.AwaitLiveActorsAsync(0);
        Assert.Equal(0, metrics.Gauge(bed.Metrics.Meter, "engine.transfers.actors"));
    }

    [Fact]
    public async Task A_paused_transfer_holds_no_actor_and_a_resume_brings_it_back_running()
    {
        await using var bed = SupervisorBed.Start(new SupervisorOptions());
        var id = await bed.StartAsync(TransferKind.Upload);
        await bed.AwaitPhaseAsync(id, TransferPhase.Active);

        await bed.AskAsync(replyTo => new PauseTransfer(id, replyTo));
        await bed.AwaitLiveActorsAsync(0);
        var query = await bed.AskAsync(replyTo => new QueryTransfer(id, replyTo));
        Assert.Equal(TransferPhase.Paused, query.Phase);
        Assert.Equal(0, bed.Uploads.Live); // answered from the last status, without spawning

        await bed.AskAsync(replyTo => new ResumeTransfer(id, replyTo));
        await bed.AwaitPhaseAsync(id, TransferPhase.Active);
        Assert.Equal(2, bed.Uploads.Spawned);
        await bed.FinishAsync(id);
    }

    [Fact]
    public async Task Cancelling_a_passivated_queued_transfer_spawns_it_to_record_the_cancel_and_it_stops_again()
    {
        await using var bed = SupervisorBed.Start(new SupervisorOptions { MaxActiveTransfers = 1 });
        var running = await bed.StartAsync(TransferKind.Upload);
        var queued = await bed.StartAsync(TransferKind.Upload);
        await bed.AwaitLiveActorsAsync(1);

        var cancelled = await bed.AskAsync(replyTo => new CancelTransfer(queued, replyTo));

        Assert.Equal(TransferPhase.Cancelled, cancelled.Phase);
        Assert.Equal(TransferPhase.Cancelled, bed.Uploads.Phases[queued]);
        await bed.AwaitLiveActorsAsync(1);
        await bed.FinishAsync(running);
    }
}
