using Engine.Hocon;
using Engine.Persistence.Sql.Options;

namespace Engine.Transfers.Tests.Configuration;

public sealed class OptionsTests
{
    [Fact]
    public void Engine_conf_binds_every_section_with_its_documented_defaults()
    {
        var options = TransferEngineOptions.Load();

        Assert.Equal("https://www.googleapis.com", options.Upload.Endpoint);
        Assert.Equal(0, options.Upload.ChunkSize);
        Assert.Equal(128 * 1024, options.Upload.BufferSize);
        Assert.Equal(TimeSpan.FromSeconds(1), options.Retry.InitialDelay);
        Assert.Equal(4, options.Download.Segments);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Download.Poll.InitialDelay);
        Assert.Equal(TimeSpan.FromHours(24), options.Retry.Deadline);
        Assert.Equal(PersistenceProvider.Sqlite, options.Persistence.Provider);
        Assert.Equal(100, options.Persistence.SnapshotEvery);
        Assert.Equal(32, options.Persistence.Recovery.MaxConcurrent);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.Persistence.Backoff.MinBackoff);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Persistence.Backoff.ResetAfter);
        Assert.Equal(1000, options.Supervisor.MaxActiveTransfers);
        Assert.Equal(256L * 1024 * 1024, options.Supervisor.MaxBytesInFlight);
        Assert.Equal(64, options.Supervisor.MaxConnectionsPerHost);
        Assert.Equal(TimeSpan.FromSeconds(10), options.Actors.AskTimeout);
        Assert.False(options.Http.WireTrace);
        options.Validate();
    }

    [Fact]
    public void Overrides_win_and_bad_values_are_named()
    {
        var options = TransferEngineOptions.Load(overrides: ["engine.retry.initial-delay=250ms", "engine.upload.chunk-size=8MiB", "engine.upload.endpoint=\"http://127.0.0.1:9\""]);

        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Retry.InitialDelay);
        Assert.Equal(8L * 1024 * 1024, options.Upload.ChunkSize);
        Assert.Equal(new Uri("http://127.0.0.1:9"), options.Upload.EndpointUri);
        Assert.Contains("engine.upload.nope", Assert.Throws<HoconException>(() => TransferEngineOptions.Load(overrides: ["engine.upload.nope=1"])).Message);
        var chunk = TransferEngineOptions.Load(overrides: ["engine.upload.chunk-size=1000"]);
        Assert.Contains("engine.upload.chunk-size", Assert.Throws<ArgumentException>(chunk.Validate).Message);
        var active = TransferEngineOptions.Load(overrides: ["engine.supervisor.max-active-transfers=0"]);
        Assert.Contains("engine.supervisor.max-active-transfers", Assert.Throws<ArgumentException>(active.Validate).Message);
    }
}
