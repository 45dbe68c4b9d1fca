using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>Turns text read from a file or a command's output into a token, with errors that name the origin and never show the text.</summary>
internal static class TokenText
{
    /// <param name="text">The raw text; surrounding whitespace and line breaks are trimmed.</param>
    /// <param name="origin">What the text came from, e.g. <c>The access token file '/run/secrets/token'</c>.</param>
    /// <param name="fix">What to do when the text is not a token.</param>
    /// <exception cref="InvalidOperationException">The text is empty or more than one bare token; the message never contains it.</exception>
    public static BearerToken Parse(string text, string origin, string fix)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 0) throw new InvalidOperationException($"{origin} holds no access token. {fix}");
        try
        {
            return new BearerToken(trimmed);
        }
        catch (ArgumentException)
        {
            throw new InvalidOperationException(
                $"{origin} holds more than a bare access token (whitespace, several lines or control characters inside; the text is not shown). {fix}");
        }
    }
}
