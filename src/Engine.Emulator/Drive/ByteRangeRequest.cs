using System.Globalization;

namespace Engine.Emulator.Drive;

/// <summary>A single <c>Range: bytes=…</c> request (<c>a-b</c>, <c>a-</c> or <c>-suffix</c>) resolved against a content length.</summary>
internal readonly record struct ByteRangeRequest(long First, long Last, bool Satisfiable)
{
    /// <summary>
    /// Parses <paramref name="header"/>; false when absent or not a single well-formed byte range (such a
    /// header is ignored and the whole content served, as HTTP allows).
    /// </summary>
    public static bool TryParse(string? header, long length, out ByteRangeRequest range)
    {
        range = default;
        const string unit = "bytes=";
        if (header is null || !header.StartsWith(unit, StringComparison.OrdinalIgnoreCase) || header.Contains(',', StringComparison.Ordinal))
        {
            return false;
        }

        var spec = header.AsSpan(unit.Length).Trim();
        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return false;
        }

        var left = spec[..dash];
        var right = spec[(dash + 1)..];
        if (left.IsEmpty)
        {
            if (!TryNumber(right, out var suffix) || suffix == 0)
            {
                return false;
            }

            range = new ByteRangeRequest(Math.Max(0, length - suffix), length - 1, length > 0);
            return true;
        }

        if (!TryNumber(left, out var first))
        {
            return false;
        }

        var last = length - 1;
        if (!right.IsEmpty)
        {
            if (!TryNumber(right, out last) || last < first)
            {
                return false;
            }
        }

        range = new ByteRangeRequest(first, Math.Min(last, length - 1), first < length);
        return true;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}
