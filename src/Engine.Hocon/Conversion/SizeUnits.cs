namespace Engine.Hocon.Conversion;

/// <summary>
/// HOCON size units: powers of 1024 for <c>K/k/Ki/KiB</c> and the like, powers of 1000 for
/// <c>kB/MB/GB…</c>; a bare number is bytes.
/// </summary>
internal static class SizeUnits
{
    private const decimal Ki = 1024m;
    private const decimal Kilo = 1000m;

    private static readonly IReadOnlyDictionary<string, decimal> BytesPerUnit = UnitQuantity.Table(
        (1m, ["", "B", "b", "byte", "bytes"]),
        (Kilo, ["kB", "kilobyte", "kilobytes"]),
        (Kilo * Kilo, ["MB", "megabyte", "megabytes"]),
        (Kilo * Kilo * Kilo, ["GB", "gigabyte", "gigabytes"]),
        (Kilo * Kilo * Kilo * Kilo, ["TB", "terabyte", "terabytes"]),
        (Kilo * Kilo * Kilo * Kilo * Kilo, ["PB", "petabyte", "petabytes"]),
        (Kilo * Kilo * Kilo * Kilo * Kilo * Kilo, ["EB", "exabyte", "exabytes"]),
        (Ki, ["K", "k", "Ki", "KiB", "kibibyte", "kibibytes"]),
        (Ki * Ki, ["M", "m", "Mi", "MiB", "mebibyte", "mebibytes"]),
        (Ki * Ki * Ki, ["G", "g", "Gi", "GiB", "gibibyte", "gibibytes"]),
        (Ki * Ki * Ki * Ki, ["T", "t", "Ti", "TiB", "tebibyte", "tebibytes"]),
        (Ki * Ki * Ki * Ki * Ki, ["P", "p", "Pi", "PiB", "pebibyte", "pebibytes"]),
        (Ki * Ki * Ki * Ki * Ki * Ki, ["E", "e", "Ei", "EiB", "exbibyte", "exbibytes"]));

    /// <summary>Spellings for error messages.</summary>
    public const string Examples = "a size such as 512 (bytes), 256KiB, 8MiB, 1GiB or 10MB (= 10^6 bytes)";

    /// <summary>The non-negative whole number of bytes <paramref name="text"/> denotes, or null.</summary>
    public static long? TryParse(string text)
    {
        var bytes = UnitQuantity.TryParse(text, BytesPerUnit);
        return bytes is >= 0 and <= long.MaxValue && bytes == decimal.Truncate(bytes.Value) ? (long)bytes.Value : null;
    }
}
