using System.Globalization;

namespace Engine.Emulator.Uploads;

/// <summary>
/// A request's <c>Content-Range</c> as the resumable protocol uses it: <c>bytes FIRST-LAST/TOTAL</c> for bytes,
/// <c>bytes */TOTAL</c> for a status query; TOTAL may be <c>*</c> (unknown). Null members stand for <c>*</c>.
/// </summary>
internal readonly record struct ContentRangeHeader(long? First, long? Last, long? Total)
{
    public bool IsStatusQuery => First is null;

    public static bool TryParse(string value, out ContentRangeHeader header)
    {
        header = default;
        const string unit = "bytes ";
        if (!value.StartsWith(unit, StringComparison.Ordinal))
        {
            return false;
        }

        var spec = value.AsSpan(unit.Length).Trim();
        var slash = spec.IndexOf('/');
        if (slash < 0 || !TryNumberOrStar(spec[(slash + 1)..], out var total))
        {
            return false;
        }

        var range = spec[..slash];
        if (range is "*")
        {
            header = new ContentRangeHeader(null, null, total);
            return true;
        }

        var dash = range.IndexOf('-');
        if (dash <= 0
            || !TryNumber(range[..dash], out var first)
            || !TryNumber(range[(dash + 1)..], out var last)
            || last < first)
        {
            return false;
        }

        header = new ContentRangeHeader(first, last, total);
        return true;
    }

    private static bool TryNumberOrStar(ReadOnlySpan<char> text, out long? number)
    {
        number = null;
        if (text is "*")
        {
            return true;
        }

        var ok = TryNumber(text, out var n);
        number = n;
        return ok;
    }

    private static bool TryNumber(ReadOnlySpan<char> text, out long number) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
}
