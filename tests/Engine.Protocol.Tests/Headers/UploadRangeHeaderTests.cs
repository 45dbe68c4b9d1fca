using Engine.Protocol.Headers;

namespace Engine.Protocol.Tests.Headers;

public sealed class UploadRangeHeaderTests
{
    [Theory]
    [InlineData(null, 0, 1000, 0)]              // absent: nothing stored yet
    [InlineData("bytes=0-0", 0, 1000, 1)]       // one byte
    [InlineData("bytes=0-999999", 0, 2_000_000, 1_000_000)]
    [InlineData("bytes=0-999", 0, 1000, 1000)]  // everything
    [InlineData("  bytes=0-499 ", 100, 1000, 500)]
    [InlineData("BYTES=0-9", 10, 10, 10)]       // equal to what was acknowledged: no progress but valid
    public void Accepts_valid_ranges(string? value, long acknowledged, long maxPossible, long expected) =>
        Assert.Equal(expected, UploadRangeHeader.ParseStoredBytes(value, acknowledged, maxPossible));

    [Theory]
    [InlineData("garbage")]
    [InlineData("bytes=")]
    [InlineData("bytes=0-")]
    [InlineData("bytes=0--5")]
    [InlineData("bytes=-5")]
    [InlineData("bytes=1-500")]                 // non-zero start: non-contiguous storage
    [InlineData("bytes=0-1e3")]
    [InlineData("bytes=0-+5")]
    [InlineData("bytes=0-5,7-9")]               // gaps
    [InlineData("bytes=0-99999999999999999999999")]
    [InlineData("bytes 0-5")]
    [InlineData("")]
    public void Rejects_garbage(string value)
    {
        var error = Assert.Throws<ProtocolViolationException>(() => UploadRangeHeader.ParseStoredBytes(value, 0, 1000));
        Assert.Contains("Range header", error.Message);
    }

    [Fact]
    public void Rejects_a_range_beyond_what_was_sent() =>
        Assert.Contains("at most 500 were ever sent",
            Assert.Throws<ProtocolViolationException>(() => UploadRangeHeader.ParseStoredBytes("bytes=0-500", 0, 500)).Message);

    [Theory]
    [InlineData("bytes=0-98", 100)]
    [InlineData(null, 1)]                       // absent after something was acknowledged: going backwards
    public void Rejects_a_range_going_backwards(string? value, long acknowledged) =>
        Assert.Contains("fewer than the",
            Assert.Throws<ProtocolViolationException>(() => UploadRangeHeader.ParseStoredBytes(value, acknowledged, 1000)).Message);

    [Fact]
    public void Bounds_a_huge_hostile_value_in_the_message()
    {
        var hostile = "bytes=0-" + new string('x', 100_000);
        var error = Assert.Throws<ProtocolViolationException>(() => UploadRangeHeader.ParseStoredBytes(hostile, 0, 10));
        Assert.True(error.Message.Length < 600, error.Message.Length.ToString());
    }
}
