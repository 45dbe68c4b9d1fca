using Engine.Transfers.Configuration;
using Engine.Transfers.Supervision;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Supervision;

/// <summary><c>engine.supervisor.max-bytes-in-flight</c>: a transfer is admitted only when its I/O buffers fit, in arrival order.</summary>
public sealed class BufferBudgetTests
{
    private const long KiB = 1024;

    [Fact]
    public async Task A_transfer_whose_buffers_do_not_fit_waits_queued_with_the_reason_and_holds_back_those_behind_it()
    {
        // 1 MiB budget, ten slots: uploads need 256 KiB, downloads 512 KiB.
        await using var bed = SupervisorBed.Start(new SupervisorOptions { MaxActiveTransfers = 10, MaxBytesInFlight = 1024 * KiB }, 256 * KiB, 512 * KiB);
        using var metrics = new MetricsRecorder(bed.Metrics.Meter);
        var download1 = await bed.StartAsync(TransferKind.Download);
        var upload1 = await bed.StartAsync(TransferKind.Upload);
        var download2 = await bed.StartAsync(TransferKind.Download);
        var upload2 = await bed.StartAsync(TransferKind.Upload);

        await bed.AwaitPhaseAsync(download1, TransferPhase.Active);
        await bed.AwaitPhaseAsync(upload1, TransferPhase.Active);
        var blocked = bed.Feed.Latest(download2)!;
        Assert.Equal(TransferPhase.Queued, blocked.Phase);
        Assert.Contains("engine.supervisor.max-bytes-in-flight", blocked.QueuedReason);
        Assert.Contains("768 KiB of 1,024 KiB", blocked.QueuedReason);
        Assert.Contains("needs 512 KiB", blocked.QueuedReason);
        // It would fit, but arrival order holds: the larger download is not overtaken.
        var behind = bed.Feed.Latest(upload2)!;
        Assert.Equal(TransferPhase.Queued, behind.Phase);
        Assert.Equal("waiting behind earlier transfers in the admission queue", behind.QueuedReason);
        Assert.Equal(768 * KiB, metrics.Gauge(bed.Metrics.Meter, "engine.transfers.buffer_reserved"));

        await bed.FinishAsync(upload1);
        var admitted = await bed.AwaitPhaseAsync(download2, TransferPhase.Active);
        Assert.Null(admitted.QueuedReason);
        Assert.Equal(TransferPhase.Queued, bed.Feed.Latest(upload2)!.Phase); // 1,024 KiB reserved: no room for 256 more

        await bed.FinishAsync(download1);
        await bed.AwaitPhaseAsync(upload2, TransferPhase.Active);
        Assert.Equal(768 * KiB, metrics.Gauge(bed.Metrics.Meter, "engine.transfers.buffer_reserved"));
    }

    [Fact]
    public async Task With_slots_exhausted_the_reason_names_max_active_transfers()
    {
        await using var bed = SupervisorBed.Start(new SupervisorOptions { MaxActiveTransfers = 1 });
        var running = await bed.StartAsync(TransferKind.Upload);
        var waiting = await bed.StartAsync(TransferKind.Upload);

        await bed.AwaitPhaseAsync(running, TransferPhase.Active);
        var queued = bed.Feed.Latest(waiting)!;

        Assert.Equal(TransferPhase.Queued, queued.Phase);
        Assert.Equal("waiting for an admission slot: 1 of 1 transfers are running (engine.supervisor.max-active-transfers)", queued.QueuedReason);
    }

    [Fact]
    public async Task A_paused_transfer_gives_its_buffers_back()
    {
        await using var bed = SupervisorBed.Start(new SupervisorOptions { MaxActiveTransfers = 10, MaxBytesInFlight = 512 * KiB }, downloadBytes: 512 * KiB);
        var first = await bed.StartAsync(TransferKind.Download);
        var second = await bed.StartAsync(TransferKind.Download);
        await bed.AwaitPhaseAsync(first, TransferPhase.Active);

        var paused = await bed.AskAsync(replyTo => new PauseTransfer(first, replyTo));

        Assert.Equal(TransferPhase.Paused, paused.Phase);
        await bed.AwaitPhaseAsync(second, TransferPhase.Active);
    }

    [Fact]
    public void A_budget_smaller_than_one_transfers_buffers_is_refused_naming_the_setting()
    {
        var options = TransferEngineOptions.Load(overrides: ["engine.supervisor.max-bytes-in-flight=256KiB"]);

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("engine.supervisor.max-bytes-in-flight", error.Message);
        Assert.Contains("524288 bytes", error.Message); // a download: 4 segments × 128 KiB
    }
}
