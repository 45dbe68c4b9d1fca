using Engine.Protocol.Headers;

namespace Engine.Protocol.Tests.Headers;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 3, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0", 0)]
    [InlineData("120", 120)]
    [InlineData(" 7 ", 7)]
    [InlineData("Sun, 22 Nov 2026 03:00:30 GMT", 30)]     // HTTP-date, relative to now
    [InlineData("Sun, 22 Nov 2026 02:59:00 GMT", 0)]      // in the past: retry now
    [InlineData("99999999999", 86_400)]                   // clamped to a day
    public void Parses_seconds_and_dates(string value, double expectedSeconds) =>
        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void Absent_is_null() => Assert.Null(RetryAfterHeader.Parse(null, Now));

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("22 Nov 2026")]
    public void Rejects_garbage(string value) =>
        Assert.Throws<ProtocolViolationException>(() => RetryAfterHeader.Parse(value, Now));
}
