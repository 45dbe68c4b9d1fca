using Engine.Emulator.Faults;
using Engine.Persistence.Sql.Diagnostics;
using Engine.Protocol.Http;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Tests.Downloads;
using Engine.Transfers.Tests.Support;

namespace Engine.Transfers.Tests.Diagnostics;

public sealed class TransferMetricsTests
{
    private const string Upload = "transfer.kind=upload";

    [Fact]
    public async Task A_real_upload_through_faults_is_measured_bytes_retries_by_cause_outcome_and_journal_commits()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("status:code=503,on=put,nth=1");
        rig.Emulator.Faults.Add("reset:after=100KiB,on=put,nth=2");
        const int size = 1024 * 1024;
        var file = rig.CreateFile("measured.bin", size);
        var engine = await rig.StartEngineAsync();
        using var metrics = new MetricsRecorder(engine.Metrics.Meter, engine.JournalMeter);
        var meter = engine.Metrics.Meter;

        var status = await engine.FinishAsync(await engine.StartUploadAsync(Support.Uploads.Of(file, chunkSize: 256 * 1024)));

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.Equal(size, metrics.Sum(meter, TransferMetrics.BytesAcknowledgedInstrument, Upload));
        // Every body byte handed to the transport, the cut-off ones included.
        Assert.InRange(metrics.Sum(meter, TransferMetrics.BytesSentInstrument), size + 100 * 1024, 2 * size);
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.RetriesInstrument, Upload, "retry.cause=server_error"));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.RetriesInstrument, Upload, "retry.cause=connection_lost"));
        Assert.Equal(status.Retries, metrics.Sum(meter, TransferMetrics.RetriesInstrument));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.FinishedInstrument, Upload, "transfer.outcome=completed"));
        Assert.Equal(0, metrics.Sum(meter, TransferMetrics.RecoveriesInstrument));
        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.ActiveInstrument, Upload));
        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.QueuedInstrument, Upload));
        var batches = metrics.Values(engine.JournalMeter, PersistenceMetrics.BatchSizeInstrument);
        Assert.NotEmpty(batches);
        Assert.All(batches, events => Assert.True(events >= 1));
        Assert.Equal(batches.Count, metrics.Values(engine.JournalMeter, PersistenceMetrics.CommitDurationInstrument).Count);
    }

    [Fact]
    public async Task A_real_download_through_a_reset_is_measured_bytes_received_polls_retries_and_outcome()
    {
        await using var rig = await EngineRig.StartAsync();
        const long size = 3 * DriveBed.MiB;
        var file = rig.AddBlob("measuredblob", size);
        rig.Emulator.Faults.Add(new FaultRule(FaultTarget.Content, new ResetConnection(300_000), FaultTrigger.Nth(2)));
        var engine = await rig.StartDownloadEngineAsync("engine.download.segments=2");
        using var metrics = new MetricsRecorder(engine.Metrics.Meter);
        var meter = engine.Metrics.Meter;

        var status = await engine.FinishAsync(await engine.StartDownloadAsync(rig.RequestFor(file.Id)));

        DriveBed.AssertExactly(rig.DestinationFor(file.Id), file.Head.Content, status);
        const string download = "transfer.kind=download";
        Assert.Equal(size, metrics.Sum(meter, TransferMetrics.BytesAcknowledgedInstrument, download));
        // Every body byte read, the ones of the cut-off range that were kept included; nothing is counted twice.
        var served = Assert.Single(rig.Emulator.Inspector.Operations).RangesServed.Sum(r => r.BytesSent);
        Assert.InRange(metrics.Sum(meter, TransferMetrics.BytesReceivedInstrument), size, served);
        Assert.Equal(0, metrics.Sum(meter, TransferMetrics.BytesSentInstrument));
        Assert.Equal(status.Polls, metrics.Sum(meter, TransferMetrics.PollsInstrument));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.PollsInstrument, "operation.done=true"));
        Assert.Equal(status.Retries, metrics.Sum(meter, TransferMetrics.RetriesInstrument, download));
        Assert.True(metrics.Sum(meter, TransferMetrics.RetriesInstrument, download, "retry.cause=connection_lost") >= 1);
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.FinishedInstrument, download, "transfer.outcome=completed"));
    }

    [Fact]
    public async Task Active_and_queued_gauges_follow_admission_and_finished_transfers_count_by_outcome()
    {
        await using var rig = await EngineRig.StartAsync();
        // Slow enough that the first upload is surely still moving while the gauges are read.
        rig.Emulator.Faults.Add("bandwidth:bps=2MiB,on=put");
        var large = rig.CreateFile("large.bin", 32 * 1024 * 1024);
        var small = rig.CreateFile("small.bin", 300 * 1024, seed: 2);
        var engine = await rig.StartEngineAsync(rig.Options("engine.supervisor.max-active-transfers=1"));
        using var metrics = new MetricsRecorder(engine.Metrics.Meter);
        var meter = engine.Metrics.Meter;

        var first = await engine.StartUploadAsync(Support.Uploads.Of(large));
        var second = await engine.StartUploadAsync(Support.Uploads.Of(small));
        await Eventually.MatchAsync(() => engine.GetStatusAsync(first), s => s.BytesSent > 0, "the first upload to move bytes");
        Assert.Equal(TransferPhase.Queued, (await engine.GetStatusAsync(second)).Phase);

        Assert.Equal(1, metrics.Gauge(meter, TransferMetrics.ActiveInstrument, Upload));
        Assert.Equal(1, metrics.Gauge(meter, TransferMetrics.QueuedInstrument, Upload));
        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.ActiveInstrument, "transfer.kind=download"));

        await engine.CancelAsync(first);
        rig.Emulator.Faults.Clear();
        await engine.FinishAsync(second);

        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.ActiveInstrument, Upload));
        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.QueuedInstrument, Upload));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.FinishedInstrument, Upload, "transfer.outcome=cancelled"));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.FinishedInstrument, Upload, "transfer.outcome=completed"));
    }

    [Fact]
    public void Status_changes_count_acknowledged_increases_and_transitions_into_an_end_only()
    {
        using var transferMetrics = new TransferMetrics();
        using var metrics = new MetricsRecorder(transferMetrics.Meter);
        var meter = transferMetrics.Meter;
        var fromJournal = Status(TransferPhase.Completed, 500) with { Id = "upload-old" };
        var queued = Status(TransferPhase.Queued, 0);

        transferMetrics.StatusChanged(null, fromJournal); // finished before this engine: counted in no flow
        transferMetrics.StatusChanged(null, queued);
        transferMetrics.StatusChanged(queued, Status(TransferPhase.Active, 100));
        transferMetrics.StatusChanged(Status(TransferPhase.Active, 100), Status(TransferPhase.Active, 0)); // session expired: a new one from 0
        transferMetrics.StatusChanged(Status(TransferPhase.Active, 0), Status(TransferPhase.Failed, 40));
        transferMetrics.StatusChanged(Status(TransferPhase.Failed, 40), Status(TransferPhase.Failed, 40));
        transferMetrics.Retried(TransferKind.Upload, TransientCause.TooManyRequests);
        transferMetrics.Polled(done: false);
        transferMetrics.Polled(done: true);
        transferMetrics.Recovered(TransferKind.Download);

        Assert.Equal(140, metrics.Sum(meter, TransferMetrics.BytesAcknowledgedInstrument, Upload));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.FinishedInstrument));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.FinishedInstrument, Upload, "transfer.outcome=failed"));
        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.ActiveInstrument, Upload));
        Assert.Equal(0, metrics.Gauge(meter, TransferMetrics.QueuedInstrument, Upload));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.RetriesInstrument, Upload, "retry.cause=too_many_requests"));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.PollsInstrument, "operation.done=true"));
        Assert.Equal(2, metrics.Sum(meter, TransferMetrics.PollsInstrument));
        Assert.Equal(1, metrics.Sum(meter, TransferMetrics.RecoveriesInstrument, "transfer.kind=download"));
    }

    [Fact]
    public void Instruments_carry_units_and_descriptions()
    {
        using var transferMetrics = new TransferMetrics();
        var published = new List<System.Diagnostics.Metrics.Instrument>();
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (ReferenceEquals(instrument.Meter, transferMetrics.Meter)) published.Add(instrument);
        };
        listener.Start();

        Assert.Equal(
            [
                TransferMetrics.ActiveInstrument, TransferMetrics.ActorsInstrument, TransferMetrics.BufferReservedInstrument,
                TransferMetrics.BytesAcknowledgedInstrument, TransferMetrics.BytesReceivedInstrument,
                TransferMetrics.BytesSentInstrument, TransferMetrics.FinishedInstrument, TransferMetrics.PollsInstrument,
                TransferMetrics.QueuedInstrument, TransferMetrics.RecoveriesInstrument, TransferMetrics.RetriesInstrument,
            ],
            published.Select(i => i.Name).Order(StringComparer.Ordinal));
        Assert.All(published, i => Assert.False(string.IsNullOrEmpty(i.Unit) || string.IsNullOrEmpty(i.Description), i.Name));
        Assert.Equal("By", published.Single(i => i.Name == TransferMetrics.BytesSentInstrument).Unit);
        Assert.Equal(TransferMetrics.MeterName, transferMetrics.Meter.Name);
    }

    private static TransferStatus Status(TransferPhase phase, long acknowledged) => new()
    {
        Id = "upload-1",
        Kind = TransferKind.Upload,
        Phase = phase,
        Source = "a.bin",
        Destination = "http://127.0.0.1",
        BytesAcknowledged = acknowledged,
    };
}
