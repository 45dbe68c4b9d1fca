using Engine.TestKit;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Tests.Supervision;

public sealed class StartGateTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task A_start_waits_for_a_free_place_and_runs_once_one_is_released()
    {
        var gate = new StartGate(places: 1, Timeout, new ManualTimeProvider());
        var first = new TaskCompletionSource<string>();
        var running = gate.RunAsync("a.mp4", () => first.Task, CancellationToken.None);
        var secondRan = false;

        var second = gate.RunAsync("b.mp4", () => { secondRan = true; return Task.FromResult("upload-2"); }, CancellationToken.None);

        Assert.False(second.IsCompleted);
        Assert.False(secondRan);
        Assert.Equal(1, gate.Waiting);
        first.SetResult("upload-1");
        Assert.Equal("upload-1", await running);
        Assert.Equal("upload-2", await second);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task A_start_that_waits_longer_than_the_timeout_fails_as_busy_naming_its_source_and_the_settings()
    {
        var clock = new ManualTimeProvider();
        var gate = new StartGate(places: 1, Timeout, clock);
        var blocked = new TaskCompletionSource<string>();
        _ = gate.RunAsync("a.mp4", () => blocked.Task, CancellationToken.None);
        var waiting = gate.RunAsync("/media/b.mp4", () => Task.FromResult("never"), CancellationToken.None);

        clock.Advance(Timeout - TimeSpan.FromSeconds(1));
        Assert.False(waiting.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        var busy = await Assert.ThrowsAsync<EngineBusyException>(() => waiting);
        Assert.Contains("/media/b.mp4", busy.Message);
        Assert.Contains("engine.supervisor.start-timeout", busy.Message);
        Assert.Contains("engine.supervisor.max-pending-starts", busy.Message);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task A_cancelled_wait_is_a_cancellation_not_busy_and_frees_no_place_it_never_held()
    {
        var gate = new StartGate(places: 1, Timeout, new ManualTimeProvider());
        var blocked = new TaskCompletionSource<string>();
        var running = gate.RunAsync("a.mp4", () => blocked.Task, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var waiting = gate.RunAsync("b.mp4", () => Task.FromResult("never"), cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        var third = gate.RunAsync("c.mp4", () => Task.FromResult("upload-3"), CancellationToken.None);
        Assert.False(third.IsCompleted); // the place is still the first start's
        blocked.SetResult("upload-1");
        await running;
        Assert.Equal("upload-3", await third);
    }

    [Fact]
    public async Task A_failed_start_frees_its_place()
    {
        var gate = new StartGate(places: 1, Timeout, new ManualTimeProvider());

        await Assert.ThrowsAsync<InvalidOperationException>(() => gate.RunAsync<string>("a.mp4", () => throw new InvalidOperationException("journal down"), CancellationToken.None));

        Assert.Equal("upload-2", await gate.RunAsync("b.mp4", () => Task.FromResult("upload-2"), CancellationToken.None));
    }
}
