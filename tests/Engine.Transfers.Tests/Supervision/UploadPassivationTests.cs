using Engine.TestKit;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Uploads;

namespace Engine.Transfers.Tests.Supervision;

/// <summary>Passivation with the real upload actor, SQLite journal and emulator.</summary>
public sealed class UploadPassivationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Queued_uploads_hold_no_actor_and_each_opens_one_session_when_its_turn_comes()
    {
        const int uploads = 12;
        await using var rig = await EngineRig.StartAsync();
        // The two admitted first wait in their session open, so the others are still queued when counted.
        rig.Emulator.Faults.Add("latency:delay=3s,on=open,first=2");
        var engine = await rig.StartEngineAsync(rig.Options("engine.supervisor.max-active-transfers=2"));
        using var metrics = new MetricsRecorder(engine.Metrics.Meter);
        var files = Enumerable.Range(1, uploads).Select(i => rig.CreateFile($"passivated-{i}.bin", 64 * 1024, seed: i)).ToList();
        var ids = new List<string>();
        foreach (var file in files) ids.Add(await engine.StartUploadAsync(Support.Uploads.Of(file)));

        await Conditions.AwaitAsync(() => metrics.Gauge(engine.Metrics.Meter, TransferMetrics.ActorsInstrument) == 2, "only the two admitted uploads hold an actor", Patience);
        var finished = await Task.WhenAll(ids.Select(engine.FinishAsync));

        Assert.All(finished, s => Assert.Equal(TransferPhase.Completed, s.Phase));
        Assert.Equal(uploads, rig.Emulator.Inspector.SessionsOpened);
        foreach (var file in files) rig.AssertStoredExactly(file, Path.GetFileName(file));
        Assert.Equal(uploads - 2, metrics.Sum(engine.Metrics.Meter, TransferMetrics.RecoveriesInstrument)); // each queued one came back from the journal
        await Conditions.AwaitAsync(() => metrics.Gauge(engine.Metrics.Meter, TransferMetrics.ActorsInstrument) == 0, "no actor left", Patience);
    }

    [Fact]
    public async Task Requests_arriving_while_an_actor_passivates_are_buffered_and_handled_after_it_stopped()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("latency:delay=1h,on=open"); // the one admitted upload never gets its session
        var writes = new ManualTimeProvider();
        FaultInjectingJournal? journal = null;
        var engine = await rig.StartEngineAsync(rig.Options("engine.supervisor.max-active-transfers=1"), inner => journal = new FaultInjectingJournal(inner, writes));
        using var metrics = new MetricsRecorder(engine.Metrics.Meter);
        await engine.StartUploadAsync(Support.Uploads.Of(rig.CreateFile("holder.bin", 1024, seed: 1)));
        var queued = await engine.StartUploadAsync(Support.Uploads.Of(rig.CreateFile("queued.bin", 1024, seed: 2)));
        await Conditions.AwaitAsync(() => metrics.Gauge(engine.Metrics.Meter, TransferMetrics.ActorsInstrument) == 1, "the queued upload passivated", Patience);
        journal!.DelayWrites(FaultSelector.ForEventType<UploadPaused>(), TimeSpan.FromSeconds(1), times: 1);

        // The pause spawns the queued upload's actor, which recovers, is passivated at once (it is not admitted),
        // and drains the pause, whose write waits on the manual clock.
        var pausing = engine.PauseAsync(queued);
        await Conditions.AwaitAsync(() => writes.ArmedTimers == 1, "the pause's journal write is held", Patience);
        await Conditions.AwaitAsync(() => metrics.Sum(engine.Metrics.Meter, TransferMetrics.RecoveriesInstrument) == 1, "the supervisor saw it ready (and passivating)", Patience);
        var query = engine.GetStatusAsync(queued);
        var cancelling = engine.CancelAsync(queued);
        writes.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(TransferPhase.Paused, (await pausing).Phase);
        Assert.Equal(TransferPhase.Paused, (await query).Phase);
        Assert.Equal(TransferPhase.Cancelled, (await cancelling).Phase);
        Assert.Equal(TransferPhase.Cancelled, (await engine.FinishAsync(queued)).Phase);
        await Conditions.AwaitAsync(() => metrics.Gauge(engine.Metrics.Meter, TransferMetrics.ActorsInstrument) == 1, "the cancelled upload's actor stopped", Patience);
    }
}
