using System.Globalization;

namespace Engine.Benchmarks.Support;

/// <summary>Byte sizes as people write them: <c>1048576</c>, <c>256KiB</c>, <c>1MiB</c>, <c>1GiB</c>.</summary>
internal static class Sizes
{
    public const long KiB = 1024, MiB = 1024 * KiB, GiB = 1024 * MiB;

    /// <exception cref="FormatException">Not a size; the message names the option.</exception>
    public static long Parse(string text, string option)
    {
        var units = new (string Suffix, long Factor)[] { ("GiB", GiB), ("MiB", MiB), ("KiB", KiB), ("B", 1), ("", 1) };
        foreach (var (suffix, factor) in units)
        {
            if (!text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) continue;
            if (long.TryParse(text.AsSpan(0, text.Length - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return checked(n * factor);
        }
        throw new FormatException($"{option} '{text}' is not a size; write e.g. 1048576, 256KiB, 1MiB or 1GiB.");
    }

    /// <summary>The shortest exact form: <c>256KiB</c>, <c>64MiB</c>, <c>1GiB</c>.</summary>
    public static string Format(long bytes) => bytes switch
    {
        0 => "0",
        _ when bytes % GiB == 0 => $"{bytes / GiB}GiB",
        _ when bytes % MiB == 0 => $"{bytes / MiB}MiB",
        _ when bytes % KiB == 0 => $"{bytes / KiB}KiB",
        _ => $"{bytes}B",
    };

    /// <summary>A rate in MB/s (10^6 bytes per second, as disks and networks are quoted).</summary>
    public static string Rate(double bytesPerSecond) => (bytesPerSecond / 1e6).ToString("N1", CultureInfo.InvariantCulture) + " MB/s";
}
