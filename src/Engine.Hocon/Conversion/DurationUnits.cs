namespace Engine.Hocon.Conversion;

/// <summary>HOCON duration units (<c>ns</c> … <c>d</c>); a bare number is milliseconds, as the spec says.</summary>
internal static class DurationUnits
{
    private static readonly IReadOnlyDictionary<string, decimal> TicksPerUnit = UnitQuantity.Table(
        (TimeSpan.TicksPerMillisecond, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (TimeSpan.TicksPerMillisecond / 1_000m, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (TimeSpan.TicksPerMillisecond / 1_000_000m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (TimeSpan.TicksPerSecond, ["s", "second", "seconds"]),
        (TimeSpan.TicksPerMinute, ["m", "minute", "minutes"]),
        (TimeSpan.TicksPerHour, ["h", "hour", "hours"]),
        (TimeSpan.TicksPerDay, ["d", "day", "days"]));

    /// <summary>Spellings for error messages.</summary>
    public const string Examples = "a duration such as 250ms, 10s, 5m, 12h or 1d (a bare number is milliseconds)";

    /// <summary>The non-negative duration <paramref name="text"/> denotes, or null.</summary>
    public static TimeSpan? TryParse(string text)
    {
        var ticks = UnitQuantity.TryParse(text, TicksPerUnit);
        return ticks is >= 0 and <= long.MaxValue ? TimeSpan.FromTicks((long)Math.Round(ticks.Value)) : null;
    }
}
