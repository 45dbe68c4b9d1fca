namespace Engine.Hocon.Tests;

/// <summary>Durations and sizes in every spelling HOCON allows, and the ones it does not.</summary>
public sealed class UnitTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "250ms", TimeSpan.FromMilliseconds(250) },
        { "250 ms", TimeSpan.FromMilliseconds(250) },
        { "\"250 millis\"", TimeSpan.FromMilliseconds(250) },
        { "250", TimeSpan.FromMilliseconds(250) },
        { "1.5s", TimeSpan.FromMilliseconds(1500) },
        { "10s", TimeSpan.FromSeconds(10) },
        { "10 seconds", TimeSpan.FromSeconds(10) },
        { "1 second", TimeSpan.FromSeconds(1) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "5 minutes", TimeSpan.FromMinutes(5) },
        { "12h", TimeSpan.FromHours(12) },
        { "1d", TimeSpan.FromDays(1) },
        { "2 days", TimeSpan.FromDays(2) },
        { "500us", TimeSpan.FromTicks(5_000) },
        { "300ns", TimeSpan.FromTicks(3) },
        { "0", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Reads_durations(string written, TimeSpan expected)
    {
        Assert.Equal(expected, HoconConfig.Parse($"d = {written}", "units.conf").GetDuration("d"));
    }

    public static TheoryData<string, long> Sizes => new()
    {
        { "512", 512 },
        { "512B", 512 },
        { "512 bytes", 512 },
        { "256KiB", 256 * 1024 },
        { "256K", 256 * 1024 },
        { "256k", 256 * 1024 },
        { "256Ki", 256 * 1024 },
        { "256 kibibytes", 256 * 1024 },
        { "10kB", 10_000 },
        { "8MiB", 8L * 1024 * 1024 },
        { "8M", 8L * 1024 * 1024 },
        { "8m", 8L * 1024 * 1024 },
        { "10MB", 10_000_000 },
        { "10 megabytes", 10_000_000 },
        { "1GiB", 1L << 30 },
        { "1G", 1L << 30 },
        { "1GB", 1_000_000_000 },
        { "2TiB", 2L << 40 },
        { "1.5KiB", 1536 },
        { "1PB", 1_000_000_000_000_000 },
        { "7EiB", 7L << 60 },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Reads_sizes(string written, long expected)
    {
        Assert.Equal(expected, HoconConfig.Parse($"s = {written}", "units.conf").GetBytes("s"));
    }

    [Theory]
    [InlineData("10 parsecs")]
    [InlineData("-5s")]
    [InlineData("s")]
    [InlineData("10 S")]
    [InlineData("true")]
    [InlineData("[1s]")]
    public void Rejects_bad_durations_naming_the_setting(string written)
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse($"timeouts {{\n  ask = {written}\n}}", "units.conf").GetDuration("timeouts.ask"));

        Assert.Contains("Setting 'timeouts.ask' at units.conf:2:9: expected a duration such as 250ms", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.5B")]
    [InlineData("-1KiB")]
    [InlineData("8 MIB")]
    [InlineData("16EiB")]
    [InlineData("lots")]
    public void Rejects_bad_sizes_naming_the_setting(string written)
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse($"buffer-size = {written}", "units.conf").GetBytes("buffer-size"));

        Assert.Contains("Setting 'buffer-size' at units.conf:1:15: expected a size such as 512 (bytes), 256KiB", error.Message, StringComparison.Ordinal);
    }
}
