using Engine.Protocol.Http;
using Engine.TestKit;

namespace Engine.Protocol.Tests.Http;

public sealed class StallWatchdogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public void Progress_keeps_the_request_alive()
    {
        var clock = new ManualTimeProvider();
        var progress = new TransferProgress();
        using var watchdog = new StallWatchdog(clock, Timeout, progress, default);
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(45));
            progress.Add(1);
        }
        Assert.False(watchdog.Token.IsCancellationRequested);
        Assert.False(watchdog.Stalled);
    }

    [Fact]
    public void No_progress_for_the_timeout_cancels_within_a_quarter_more()
    {
        var clock = new ManualTimeProvider();
        var progress = new TransferProgress();
        using var watchdog = new StallWatchdog(clock, Timeout, progress, default);
        progress.Add(100);
        clock.Advance(TimeSpan.FromSeconds(15));      // the byte is seen here; the stall clock starts
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(watchdog.Stalled);
        clock.Advance(TimeSpan.FromSeconds(16));
        Assert.True(watchdog.Stalled);
        Assert.True(watchdog.Token.IsCancellationRequested);
    }

    [Fact]
    public void The_outer_token_cancels_without_calling_it_a_stall()
    {
        using var outer = new CancellationTokenSource();
        using var watchdog = new StallWatchdog(new ManualTimeProvider(), Timeout, new TransferProgress(), outer.Token);
        outer.Cancel();
        Assert.True(watchdog.Token.IsCancellationRequested);
        Assert.False(watchdog.Stalled);
    }
}
