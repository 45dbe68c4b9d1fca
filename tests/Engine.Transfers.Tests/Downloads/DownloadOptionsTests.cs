namespace Engine.Transfers.Tests.Downloads;

/// <summary>The <c>engine.download</c> section of engine.conf binds into the engine's options.</summary>
public sealed class DownloadOptionsTests
{
    [Fact]
    public void Engine_conf_binds_the_download_section_and_overrides_win()
    {
        var defaults = TransferEngineOptions.Load().Download;
        Assert.Equal(new Uri("https://www.googleapis.com"), defaults.EndpointUri);
        Assert.Equal(TimeSpan.FromSeconds(10), defaults.Poll.InitialDelay);
        Assert.Equal(TimeSpan.FromMinutes(5), defaults.Poll.MaxDelay);
        Assert.Equal(TimeSpan.FromHours(12), defaults.OperationLifetime);
        Assert.Equal(4, defaults.Segments);
        Assert.Equal(64L * 1024 * 1024, defaults.SegmentSize);

        var set = TransferEngineOptions.Load(overrides: ["engine.download.poll.initial-delay=250ms", "engine.download.poll.max-delay=2s", "engine.download.segments=8"]).Download;
        Assert.Equal(TimeSpan.FromMilliseconds(250), set.Poll.InitialDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), set.Poll.MaxDelay);
        Assert.Equal(8, set.Segments);
    }

    [Fact]
    public void An_invalid_download_setting_is_named()
    {
        var options = TransferEngineOptions.Load(overrides: ["engine.download.segments=0"]);
        Assert.Contains("engine.download.segments", Assert.Throws<ArgumentException>(options.Validate).Message);
    }
}
