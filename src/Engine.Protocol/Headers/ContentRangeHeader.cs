using System.Globalization;

namespace Engine.Protocol.Headers;

/// <summary>
/// <c>Content-Range</c> as sent on upload PUTs (<c>bytes FIRST-LAST/TOTAL</c>, <c>bytes */TOTAL</c>) and as received
/// on a 206 partial download (<c>bytes FIRST-LAST/TOTAL</c> or <c>bytes FIRST-LAST/*</c>).
/// </summary>
public static class ContentRangeHeader
{
    /// <summary><c>bytes FIRST-LAST/TOTAL</c> for <paramref name="length"/> bytes starting at <paramref name="first"/>.</summary>
    public static string FormatRange(long first, long length, long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(first + length, total);
        return string.Create(CultureInfo.InvariantCulture, $"bytes {first}-{first + length - 1}/{total}");
    }

    /// <summary><c>bytes */TOTAL</c>: the status query form.</summary>
    public static string FormatUnknownRange(long total)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        return string.Create(CultureInfo.InvariantCulture, $"bytes */{total}");
    }

    /// <summary>
    /// Parses a response's <c>bytes FIRST-LAST/TOTAL</c> (TOTAL may be <c>*</c>: a null total).
    /// Anything else, including LAST &lt; FIRST or LAST ≥ TOTAL, is a <see cref="ProtocolViolationException"/>.
    /// </summary>
    public static (ByteRange Range, long? Total) Parse(string? value)
    {
        const string prefix = "bytes ";
        if (value is null || !value.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            throw Invalid(value);
        var spec = value.AsSpan(prefix.Length).Trim();
        var slash = spec.IndexOf('/');
        var dash = spec.IndexOf('-');
        if (slash < 0 || dash < 0 || dash > slash) throw Invalid(value);
        if (!TryParseNonNegative(spec[..dash], out var first) || !TryParseNonNegative(spec[(dash + 1)..slash], out var last) || last < first)
            throw Invalid(value);
        var totalText = spec[(slash + 1)..];
        long? total;
        if (totalText is "*") total = null;
        else if (TryParseNonNegative(totalText, out var t) && last < t) total = t;
        else throw Invalid(value);
        return (new ByteRange(first, last - first + 1), total);
    }

    /// <summary>Parses a non-negative decimal integer made only of ASCII digits (no sign, spaces or exponent).</summary>
    internal static bool TryParseNonNegative(ReadOnlySpan<char> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.ContainsAnyExceptInRange('0', '9')) return false;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static ProtocolViolationException Invalid(string? value) =>
        new($"The server sent an invalid Content-Range header {ProtocolViolationException.Quote(value)}; expected 'bytes FIRST-LAST/TOTAL'. The server is misbehaving; the transfer cannot trust this answer.");
}
