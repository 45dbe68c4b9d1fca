using Engine.Emulator;
using Engine.TestKit;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Tests.Downloads;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Supervision;

/// <summary>
/// A download facing a long recorded wait (its next poll) gives up its actor and slot until then, on one manual clock
/// shared by engine and emulator: time moves only while the download waits, so every poll time is exact.
/// </summary>
public sealed class WaitPassivationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_download_waiting_a_long_poll_backoff_holds_no_actor_nor_slot_and_polls_on_time_when_spawned_again()
    {
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { TimeProvider = _clock, OperationPendingPolls = 2 });
        var file = rig.AddBlob("patient", 300 * 1024);
        await using var engine = await StartEngineAsync(rig, "engine.supervisor.max-active-transfers=1");
        using var metrics = new MetricsRecorder(engine.Metrics.Meter);
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));

        await AwaitPassivatedWaitAsync(metrics, engine, id);
        // Its only slot is free meanwhile: an upload runs to its end in it, with the clock standing still.
        var upload = await engine.StartUploadAsync(Support.Uploads.Of(rig.CreateFile("in-the-gap.bin", 64 * 1024)));
        Assert.Equal(TransferPhase.Completed, (await engine.FinishAsync(upload)).Phase);
        await AdvanceThroughBackoffAsync(engine, id);
        await AwaitPassivatedWaitAsync(metrics, engine, id);
        await AdvanceThroughBackoffAsync(engine, id);
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var polled = Assert.Single(rig.Emulator.Inspector.Operations).PollTimes;
        Assert.Equal([60, 60], polled.Zip(polled.Skip(1), (earlier, later) => (later - earlier).TotalSeconds));
        Assert.True(metrics.Sum(engine.Metrics.Meter, TransferMetrics.RecoveriesInstrument) >= 2, "spawned again after each wait");
    }

    [Fact]
    public async Task A_wait_shorter_than_the_threshold_keeps_its_actor()
    {
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { TimeProvider = _clock, OperationPendingPolls = 1 });
        var file = rig.AddBlob("brief", 64 * 1024);
        await using var engine = await StartEngineAsync(rig, "engine.supervisor.passivate-waits-over=2m");
        using var metrics = new MetricsRecorder(engine.Metrics.Meter);
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));

        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.NextRetryAt is not null, "waiting for its second poll");
        Assert.Equal(1, Actors(metrics, engine));
        await AdvanceThroughBackoffAsync(engine, id);

        Assert.Equal(TransferPhase.Completed, (await engine.FinishAsync(id)).Phase);
        Assert.Equal(0, metrics.Sum(engine.Metrics.Meter, TransferMetrics.RecoveriesInstrument));
    }

    private static Task AwaitPassivatedWaitAsync(MetricsRecorder metrics, TransferEngine engine, string id) =>
        Conditions.AwaitAsync(() => Actors(metrics, engine) == 0 && engine.GetStatusAsync(id).Result.NextRetryAt is not null,
            "the download waiting without an actor", Patience);

    private static double Actors(MetricsRecorder metrics, TransferEngine engine) => metrics.Gauge(engine.Metrics.Meter, TransferMetrics.ActorsInstrument);

    // One minute between polls, without jitter: every wait is over the 30 s threshold, and exact.
    private Task<TransferEngine> StartEngineAsync(EngineRig rig, params string[] overrides) =>
        TransferEngine.StartAsync(rig.DownloadOptions(["engine.download.poll.initial-delay=1m", "engine.download.poll.max-delay=1m",
            "engine.download.poll.jitter=none", .. overrides]), new StaticAccessTokenSource(EngineRig.Token), null, _clock, null, CancellationToken.None);

    /// <summary>Waits until the download waits out a backoff, then moves the clock to its end.</summary>
    private async Task AdvanceThroughBackoffAsync(TransferEngine engine, string id)
    {
        var waiting = await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.NextRetryAt is not null, $"{id} waiting out a backoff");
        _clock.Advance(waiting.NextRetryAt!.Value - _clock.GetUtcNow());
        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.NextRetryAt is null || s.NextRetryAt > _clock.GetUtcNow() || s.Phase.IsFinished(), $"{id} past its backoff");
    }
}
