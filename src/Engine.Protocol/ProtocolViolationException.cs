namespace Engine.Protocol;

/// <summary>
/// The server answered something the protocol does not allow (a malformed or contradictory header, an oversized or
/// invalid body, a range that moves backwards). The message names the offending item; the caller adds the transfer id.
/// </summary>
public sealed class ProtocolViolationException(string message) : Exception(message)
{
    private const int MaxQuotedLength = 120;

    /// <summary>Quotes an untrusted value for an error message, bounded so a hostile server cannot flood logs.</summary>
    public static string Quote(string? value) =>
        value is null ? "(absent)"
        : value.Length <= MaxQuotedLength ? $"'{value}'"
        : $"'{value[..MaxQuotedLength]}…' ({value.Length} chars)";
}
