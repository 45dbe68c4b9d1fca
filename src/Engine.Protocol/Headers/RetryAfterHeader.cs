using System.Globalization;
using Engine.Protocol.Http;

namespace Engine.Protocol.Headers;

/// <summary><c>Retry-After</c>: delta-seconds or an HTTP-date, turned into a wait relative to a given now.</summary>
public static class RetryAfterHeader
{
    /// <summary>Longest wait accepted from a server; anything longer is clamped (the total deadline still applies).</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    /// <summary>
    /// Parses <paramref name="value"/>: null when absent, a non-negative wait (a date in the past is zero) when valid,
    /// and a <see cref="ProtocolViolationException"/> for anything else.
    /// </summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (value is null) return null;
        var text = value.Trim();
        if (ContentRangeHeader.TryParseNonNegative(text, out var seconds))
            return seconds >= MaxWait.TotalSeconds ? MaxWait : TimeSpan.FromSeconds(seconds);
        if (DateTimeOffset.TryParseExact(text, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait <= TimeSpan.Zero ? TimeSpan.Zero : wait > MaxWait ? MaxWait : wait;
        }
        throw new ProtocolViolationException($"The server sent an invalid Retry-After header {ProtocolViolationException.Quote(value)}; expected delta-seconds or an HTTP-date.");
    }

    /// <summary>
    /// Reads the header of a transient failure. An invalid value must not turn a retryable answer into a failure, so
    /// it is reported in <paramref name="note"/> (for the retry log) and treated as absent.
    /// </summary>
    public static TimeSpan? Read(HttpResponseMessage response, DateTimeOffset now, out string? note)
    {
        note = null;
        try
        {
            return Parse(HeaderReader.First(response, "Retry-After"), now);
        }
        catch (ProtocolViolationException e)
        {
            note = e.Message;
            return null;
        }
    }
}
