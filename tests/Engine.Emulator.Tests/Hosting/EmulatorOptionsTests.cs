using Engine.Emulator.Faults;

namespace Engine.Emulator.Tests.Hosting;

public sealed class EmulatorOptionsTests
{
    [Fact]
    public void Every_setting_has_a_string_form()
    {
        var options = EmulatorOptions.Parse(
        [
            "urls=http://127.0.0.1:8123", "data=/tmp/emu", "completion-status=200", "session-lifetime=10m",
            "pending-polls=3", "pending-time=2s", "operation-lifetime=1h", "seed=9", "max-metadata-bytes=4KiB",
            "max-header-bytes=16KiB", "request-log-capacity=50", "fault=status:code=503,nth=2", "fault=reset:after=1MiB",
        ]);

        Assert.Equal("http://127.0.0.1:8123", options.Urls);
        Assert.Equal("/tmp/emu", options.DataDirectory);
        Assert.Equal(200, options.UploadCompletionStatus);
        Assert.Equal(TimeSpan.FromMinutes(10), options.SessionLifetime);
        Assert.Equal(3, options.OperationPendingPolls);
        Assert.Equal(TimeSpan.FromSeconds(2), options.OperationPendingTime);
        Assert.Equal(TimeSpan.FromHours(1), options.OperationLifetime);
        Assert.Equal(9, options.Seed);
        Assert.Equal(4096, options.MaxMetadataBytes);
        Assert.Equal(16384, options.MaxRequestHeaderBytes);
        Assert.Equal(50, options.RequestLogCapacity);
        Assert.Equal(2, options.Faults.Count);
        Assert.IsType<ResetConnection>(options.Faults[1].Action);
        Assert.Equal(13, EmulatorOptions.Keys.Count);
    }

    [Theory]
    [InlineData("colour=red", "Unknown emulator setting 'colour'")]
    [InlineData("pending-polls", "not key=value")]
    [InlineData("pending-polls=-1", "not a non-negative whole number")]
    [InlineData("completion-status=204", "must be 200 or 201")]
    [InlineData("session-lifetime=forever", "not a duration")]
    public void Bad_settings_say_what_is_wrong(string setting, string mentioned)
    {
        var error = Assert.Throws<FormatException>(() => EmulatorOptions.Parse([setting]));
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:0")]
    [InlineData("http://example.com:80")]
    [InlineData("not a url")]
    public async Task A_bad_listen_address_is_refused_before_starting(string urls)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EmulatorServer.StartAsync(new EmulatorOptions { Urls = urls }));
        Assert.Contains(urls, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_given_data_directory_is_used_and_kept()
    {
        var directory = Path.Combine(Path.GetTempPath(), "emulator-data-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataDirectory = directory }))
            {
                Assert.Equal(directory, server.DataDirectory);
                Assert.Equal("127.0.0.1", server.BaseAddress.Host);
                Assert.NotEqual(0, server.BaseAddress.Port);
            }

            Assert.True(Directory.Exists(Path.Combine(directory, "uploads")));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
