using Engine.Persistence.Sql.Diagnostics;
using Engine.Transfers.Diagnostics;
using Engine.Transfers.Hosting;
using Engine.Transfers.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Engine.Transfers.Tests.Hosting;

/// <summary>The engine as a hosted service: stopped with its host mid-transfer, finished by the next host on the journal.</summary>
public sealed class HostedEngineTests
{
    // Large against the loopback socket buffers, so stopping the host surely cuts the PUT off mid-body.
    private const int FileSize = 32 * 1024 * 1024;

    [Fact]
    public async Task A_host_stopped_mid_upload_leaves_it_in_the_journal_and_the_next_host_finishes_it_in_the_same_session()
    {
        await using var rig = await EngineRig.StartAsync();
        rig.Emulator.Faults.Add("bandwidth:bps=8MiB,on=put");
        var file = rig.CreateFile("hosted.bin", FileSize);
        var logs = new CapturedLogs();

        string id;
        using (var first = HostedRig.Build(rig, logs))
        {
            await first.StartAsync();
            var engine = first.Services.GetRequiredService<TransferEngine>();
            id = await engine.StartUploadAsync(Support.Uploads.Of(file));
            await Eventually.MatchAsync(() => Task.FromResult(rig.Emulator.Inspector.Sessions.Count > 0 ? rig.Emulator.Inspector.Sessions[^1].StoredLength : 0),
                stored => stored > 2 * 1024 * 1024, "2 MiB stored by the server");
            await first.StopAsync();
            await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.StartUploadAsync(Support.Uploads.Of(file)));
        }
        var session = await Eventually.MatchAsync(() => Task.FromResult(rig.Emulator.Inspector.Sessions[^1]), s => s.Interruptions == 1, "the server to see the PUT cut off");
        Assert.InRange(session.StoredLength, 1, FileSize - 1);
        var checkpointed = Assert.Single(await TransferJournalQuery.ListAsync(rig.Options()));
        Assert.Equal((id, TransferPhase.Active), (checkpointed.Id, checkpointed.Phase));
        rig.Emulator.Faults.Clear();

        // Listening by name before the start sees the recovery; each query names this engine's meter.
        using var metrics = new MetricsRecorder(meter => meter.Name is TransferMetrics.MeterName or PersistenceMetrics.MeterName);
        using var second = HostedRig.Build(rig, logs);
        await second.StartAsync();
        var resumed = second.Services.GetRequiredService<TransferEngine>();
        var status = await resumed.FinishAsync(id);
        await second.StopAsync();

        Assert.True(status.Phase == TransferPhase.Completed, status.LastError);
        Assert.Equal(1, status.SessionsOpened);
        Assert.Equal(1, rig.Emulator.Inspector.SessionsOpened);
        rig.AssertStoredExactly(file, "hosted.bin");
        Assert.Equal(1, metrics.Sum(resumed.Metrics.Meter, TransferMetrics.RecoveriesInstrument, "transfer.kind=upload"));
        Assert.Equal(1, metrics.Sum(resumed.Metrics.Meter, TransferMetrics.FinishedInstrument, "transfer.kind=upload", "transfer.outcome=completed"));
        Assert.Equal(FileSize - checkpointed.BytesAcknowledged, metrics.Sum(resumed.Metrics.Meter, TransferMetrics.BytesAcknowledgedInstrument, "transfer.kind=upload"));
        Assert.NotEmpty(metrics.Values(resumed.JournalMeter, PersistenceMetrics.CommitDurationInstrument));
        // The engine logged through the host's logger factory, both runs.
        Assert.Equal(2, logs.Lines.Count(l => l.Category == typeof(TransferEngine).FullName && l.Text.StartsWith("Engine started", StringComparison.Ordinal)));
        Assert.Contains(logs.Lines, l => l.Category == typeof(TransferEngineHost).FullName && l.Text == "Transfer engine stopped");
    }

    [Fact]
    public async Task The_engine_is_served_once_started_and_a_hosted_service_can_use_it_from_its_own_start()
    {
        await using var rig = await EngineRig.StartAsync();
        using var host = HostedRig.Build(rig, new CapturedLogs(), services: s => s.AddHostedService<ListsAtStart>());
        var engineHost = host.Services.GetRequiredService<TransferEngineHost>();
        var pending = engineHost.GetEngineAsync();

        var early = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<TransferEngine>());
        Assert.Contains("starts with the host", early.Message);
        Assert.False(pending.IsCompleted);

        await host.StartAsync();
        var engine = host.Services.GetRequiredService<TransferEngine>();
        Assert.Same(engine, await pending);
        Assert.Same(engine, host.Services.GetServices<IHostedService>().OfType<ListsAtStart>().Single().SeenAtStart);
        await host.StopAsync();
    }

    [Fact]
    public async Task Options_come_from_the_defaults_then_the_file_then_the_overrides_then_code()
    {
        await using var rig = await EngineRig.StartAsync();
        var userFile = Path.Combine(rig.Directory, "user.conf");
        await File.WriteAllTextAsync(userFile, "engine.retry.max-attempts = 4\nengine.supervisor.max-active-transfers = 7\n");
        using var host = HostedRig.Build(rig, new CapturedLogs(), engine => engine
            .UseConfigFile(userFile)
            .Set("engine.retry.max-attempts", "5")
            .Configure(options => options.Supervisor.MaxConnectionsPerHost = 3));

        var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TransferEngineOptions>>().Value;

        Assert.Equal(5, options.Retry.MaxAttempts);
        Assert.Equal(7, options.Supervisor.MaxActiveTransfers);
        Assert.Equal(3, options.Supervisor.MaxConnectionsPerHost);
        Assert.Equal(TimeSpan.FromMilliseconds(10), options.Retry.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Actors.ShutdownTimeout);
    }

    [Fact]
    public async Task A_bad_setting_fails_the_host_start_with_its_name()
    {
        await using var rig = await EngineRig.StartAsync();
        using var host = HostedRig.Build(rig, new CapturedLogs(), engine => engine.Set("engine.supervisor.max-active-transfers", "0"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => host.StartAsync());

        Assert.Contains("engine.supervisor.max-active-transfers", error.Message);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Services.GetRequiredService<TransferEngineHost>().GetEngineAsync());
    }

    [Fact]
    public void The_token_source_follows_engine_tokens_unless_one_is_given()
    {
        var services = new ServiceCollection();
        services.AddTransferEngine(engine => engine.Set("engine.tokens.source", "file").Set("engine.tokens.file", "\"/run/secrets/token\""));
        using var provider = services.BuildServiceProvider();

        var source = provider.GetRequiredService<Engine.Transfers.Tokens.IAccessTokenSource>();

        Assert.Equal("FileAccessTokenSource(/run/secrets/token)", source.ToString());
    }

    /// <summary>A hosted service registered before the engine that uses it in its own start.</summary>
    private sealed class ListsAtStart(TransferEngineHost engineHost) : IHostedService
    {
        public TransferEngine? SeenAtStart { get; private set; }

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            SeenAtStart = engineHost.Engine;
            Assert.Empty(await SeenAtStart.ListAsync(cancellationToken));
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
