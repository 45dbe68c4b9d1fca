namespace Engine.Protocol.Headers;

/// <summary>
/// The <c>Range</c> header of a <c>308 Resume Incomplete</c>: <c>bytes=0-LAST</c> means bytes 0..LAST are stored,
/// no header means nothing is stored yet.
/// </summary>
public static class UploadRangeHeader
{
    /// <summary>
    /// Returns how many bytes the server says it stored. Rejects (with <see cref="ProtocolViolationException"/>)
    /// garbage, a start other than 0, more bytes than could have been sent (<paramref name="maxPossible"/>), and fewer
    /// bytes than the server already acknowledged (<paramref name="alreadyAcknowledged"/>): a server going backwards.
    /// </summary>
    public static long ParseStoredBytes(string? value, long alreadyAcknowledged, long maxPossible)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyAcknowledged);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPossible, alreadyAcknowledged);
        var stored = value is null ? 0 : ParseValue(value);
        if (stored > maxPossible)
            throw new ProtocolViolationException($"The server's Range header {ProtocolViolationException.Quote(value)} claims {stored} bytes stored, but at most {maxPossible} were ever sent. The server is misbehaving; start a new session.");
        if (stored < alreadyAcknowledged)
            throw new ProtocolViolationException($"The server's Range header {ProtocolViolationException.Quote(value)} says {stored} bytes are stored, fewer than the {alreadyAcknowledged} it acknowledged before. The server lost data it confirmed; start a new session.");
        return stored;
    }

    private static long ParseValue(string value)
    {
        const string prefix = "bytes=0-";
        var text = value.Trim();
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !ContentRangeHeader.TryParseNonNegative(text.AsSpan(prefix.Length), out var last)
            || last == long.MaxValue)
            throw new ProtocolViolationException($"The server sent an invalid Range header {ProtocolViolationException.Quote(value)}; expected 'bytes=0-LAST' with LAST a non-negative integer. The server is misbehaving; the upload cannot trust this answer.");
        return last + 1;
    }
}
