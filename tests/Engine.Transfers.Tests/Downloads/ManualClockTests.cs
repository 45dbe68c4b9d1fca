using Engine.Emulator;
using Engine.TestKit;
using Engine.Transfers.Downloads;
using Engine.Transfers.Tests.Support;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>
/// Poll backoff and operation lifetimes on one manual clock shared by the engine and the emulator: the test moves
/// time only while the engine waits out a backoff (no request in flight), so every wait is exact and nothing sleeps.
/// </summary>
public sealed class ManualClockTests
{
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 3, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Polls_wait_out_each_recorded_backoff_whose_ceiling_doubles_until_the_cap()
    {
        const int pendingPolls = 6;
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { TimeProvider = _clock, OperationPendingPolls = pendingPolls });
        var file = rig.AddBlob("backoff", 300 * 1024);
        await using var engine = await StartEngineAsync(rig, "engine.download.poll.initial-delay=1s", "engine.download.poll.max-delay=8s");
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));

        for (var polls = 1; polls <= pendingPolls; polls++) await AdvanceThroughBackoffAsync(engine, id, s => s.Polls == polls);
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        var results = (await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<PollResult>().ToList();
        Assert.Equal(Enumerable.Range(0, pendingPolls + 1), results.Select(r => r.Attempt));
        double[] ceilings = [1, 2, 4, 8, 8, 8];
        for (var i = 0; i < pendingPolls; i++)
            Assert.InRange(results[i].NextDelay, TimeSpan.Zero, TimeSpan.FromSeconds(ceilings[i]));
        var polled = Assert.Single(rig.Emulator.Inspector.Operations).PollTimes;
        for (var i = 1; i < polled.Count; i++)
            Assert.Equal(results[i - 1].NextDelay, polled[i] - polled[i - 1]);
    }

    [Fact]
    public async Task Without_jitter_the_gaps_between_polls_double_until_the_cap()
    {
        const int pendingPolls = 5;
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { TimeProvider = _clock, OperationPendingPolls = pendingPolls });
        var file = rig.AddBlob("growing", 64 * 1024);
        await using var engine = await StartEngineAsync(rig,
            "engine.download.poll.initial-delay=1s", "engine.download.poll.max-delay=4s", "engine.download.poll.jitter=none");
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));

        for (var polls = 1; polls <= pendingPolls; polls++) await AdvanceThroughBackoffAsync(engine, id, s => s.Polls == polls);
        await engine.FinishAsync(id);

        var polled = Assert.Single(rig.Emulator.Inspector.Operations).PollTimes;
        var gaps = polled.Zip(polled.Skip(1), (earlier, later) => (later - earlier).TotalSeconds);
        Assert.Equal([1, 2, 4, 4, 4], gaps);
    }

    [Fact]
    public async Task An_operation_the_server_no_longer_knows_is_replaced_by_a_new_download_call()
    {
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { TimeProvider = _clock, OperationLifetime = TimeSpan.FromHours(1) });
        var file = rig.AddBlob("expired", 2 * DriveBed.MiB + 1);
        await using var engine = await StartEngineAsync(rig);
        var id = await engine.StartDownloadAsync(rig.RequestFor(file.Id));

        await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => s.NextRetryAt is not null, "waiting for the second poll");
        _clock.Advance(TimeSpan.FromHours(2));
        await AdvanceThroughBackoffAsync(engine, id, s => s.SessionsOpened == 2);
        var status = await engine.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.Equal(2, rig.Emulator.Inspector.DownloadCalls(file.Id));
        Assert.Contains("NOT_FOUND", Assert.Single((await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<OperationLost>()).Reason);
    }

    [Fact]
    public async Task After_a_restart_an_operation_older_than_its_lifetime_is_replaced_without_polling_it()
    {
        await using var rig = await EngineRig.StartAsync(new EmulatorOptions { TimeProvider = _clock });
        var file = rig.AddBlob("outlived", 2 * DriveBed.MiB + 1);
        var first = await StartEngineAsync(rig);
        var id = await first.StartDownloadAsync(rig.RequestFor(file.Id));
        await Eventually.MatchAsync(() => first.GetStatusAsync(id), s => s.NextRetryAt is not null, "waiting for the second poll");
        await first.DisposeAsync();
        var old = Assert.Single(rig.Emulator.Inspector.Operations);
        _clock.Advance(TimeSpan.FromHours(13));

        await using var second = await StartEngineAsync(rig);
        await AdvanceThroughBackoffAsync(second, id, s => s.SessionsOpened == 2);
        var status = await second.FinishAsync(id);

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        Assert.Equal(2, rig.Emulator.Inspector.DownloadCalls(file.Id));
        Assert.Equal(old.PollTimes.Count, rig.Emulator.Inspector.Operation(old.Name)!.PollTimes.Count);
        Assert.Contains("engine.download.operation-lifetime", Assert.Single((await JournalEvents.ReadAsync(rig.DownloadOptions(), id)).OfType<OperationLost>()).Reason);
    }

    private Task<TransferEngine> StartEngineAsync(EngineRig rig, params string[] overrides) =>
        TransferEngine.StartAsync(rig.DownloadOptions(["engine.download.poll.initial-delay=10s", "engine.download.poll.max-delay=1m", .. overrides]),
            new StaticAccessTokenSource(EngineRig.Token), null, _clock, null, CancellationToken.None);

    /// <summary>Waits until the download waits out a backoff in state <paramref name="state"/>, then moves the clock to its end.</summary>
    private async Task AdvanceThroughBackoffAsync(TransferEngine engine, string id, Func<TransferStatus, bool> state)
    {
        var waiting = await Eventually.MatchAsync(() => engine.GetStatusAsync(id), s => state(s) && s.NextRetryAt is not null, "a backoff to wait out");
        _clock.Advance(waiting.NextRetryAt!.Value - _clock.GetUtcNow());
    }
}
