using System.Globalization;

namespace Engine.Emulator.Configuration;

/// <summary>Parses the plain-string forms of emulator settings (CLI flags, fault specs).</summary>
public static class SettingValues
{
    /// <summary>Parses a duration: <c>250ms</c>, <c>30s</c>, <c>5m</c>, <c>12h</c>, a bare number of seconds, or <c>hh:mm:ss</c>.</summary>
    public static TimeSpan ParseDuration(string name, string value)
    {
        var text = value.Trim();
        (string suffix, double scaleMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scaleMs) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number >= 0)
            {
                return TimeSpan.FromMilliseconds(number * scaleMs);
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero)
        {
            return span;
        }

        throw new FormatException($"Emulator setting '{name}': '{value}' is not a duration; write e.g. 250ms, 30s, 5m or 12h.");
    }

    /// <summary>Parses a byte count: <c>1048576</c>, <c>256KiB</c>, <c>10MiB</c>, <c>1GiB</c> (also k/K, m/M, g/G as binary units).</summary>
    public static long ParseBytes(string name, string value)
    {
        var text = value.Trim();
        (string suffix, long scale)[] units =
        [
            ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30),
            ("k", 1L << 10), ("m", 1L << 20), ("g", 1L << 30),
        ];
        foreach (var (suffix, scale) in units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)
                && long.TryParse(text[..^suffix.Length], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return checked(number * scale);
            }
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var bytes))
        {
            return bytes;
        }

        throw new FormatException($"Emulator setting '{name}': '{value}' is not a byte count; write e.g. 1048576, 256KiB or 10MiB.");
    }

    /// <summary>Parses a non-negative integer.</summary>
    public static int ParseCount(string name, string value) =>
        int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? number
            : throw new FormatException($"Emulator setting '{name}': '{value}' is not a non-negative whole number.");

    /// <summary>Parses a probability between 0 and 1.</summary>
    public static double ParseProbability(string name, string value) =>
        double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var p) && p is >= 0 and <= 1
            ? p
            : throw new FormatException($"Emulator setting '{name}': '{value}' is not a probability between 0 and 1.");

    /// <summary>Parses <c>true</c>/<c>false</c>.</summary>
    public static bool ParseFlag(string name, string value) =>
        bool.TryParse(value.Trim(), out var flag)
            ? flag
            : throw new FormatException($"Emulator setting '{name}': '{value}' is not true or false.");

    /// <summary>Parses <c>key=value,key=value</c> (keys case-insensitive, each at most once); <paramref name="what"/> starts error messages.</summary>
    public static Dictionary<string, string> ParsePairs(string what, string text)
    {
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !pairs.TryAdd(pair[..eq].Trim(), pair[(eq + 1)..].Trim()))
            {
                throw new FormatException($"{what}: '{pair}' is not a single key=value pair.");
            }
        }

        return pairs;
    }
}
