using Engine.Protocol.Headers;

namespace Engine.Protocol.Tests.Headers;

public sealed class ContentRangeHeaderTests
{
    [Theory]
    [InlineData(0, 524_288, 2_000_000, "bytes 0-524287/2000000")]   // the spec's chunk example
    [InlineData(1_000_000, 1_000_000, 2_000_000, "bytes 1000000-1999999/2000000")]
    [InlineData(9, 1, 10, "bytes 9-9/10")]
    public void Formats_a_range(long first, long length, long total, string expected) =>
        Assert.Equal(expected, ContentRangeHeader.FormatRange(first, length, total));

    [Theory]
    [InlineData(0, "bytes */0")]
    [InlineData(2_000_000, "bytes */2000000")]
    public void Formats_the_status_query_form(long total, string expected) =>
        Assert.Equal(expected, ContentRangeHeader.FormatUnknownRange(total));

    [Theory]
    [InlineData(0, 0, 10)]
    [InlineData(5, 6, 10)]
    [InlineData(-1, 1, 10)]
    public void Refuses_to_format_impossible_ranges(long first, long length, long total) =>
        Assert.ThrowsAny<ArgumentException>(() => ContentRangeHeader.FormatRange(first, length, total));

    [Theory]
    [InlineData("bytes 0-99/1000", 0, 100, 1000L)]
    [InlineData("bytes 100-199/*", 100, 100, null)]
    [InlineData("bytes 999-999/1000", 999, 1, 1000L)]
    public void Parses_a_response_range(string value, long offset, long length, long? total)
    {
        var (range, parsedTotal) = ContentRangeHeader.Parse(value);
        Assert.Equal(new ByteRange(offset, length), range);
        Assert.Equal(total, parsedTotal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("bytes */1000")]
    [InlineData("bytes 5-4/1000")]
    [InlineData("bytes 0-1000/1000")]
    [InlineData("bytes -1-5/1000")]
    [InlineData("items 0-5/1000")]
    [InlineData("bytes 0-5")]
    [InlineData("bytes 0-5/x")]
    [InlineData("bytes a-5/10")]
    public void Rejects_malformed_response_ranges(string? value) =>
        Assert.Throws<ProtocolViolationException>(() => ContentRangeHeader.Parse(value));
}
