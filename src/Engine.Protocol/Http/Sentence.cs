namespace Engine.Protocol.Http;

/// <summary>Quoting a server's text inside the engine's own sentences.</summary>
public static class Sentence
{
    /// <summary>
    /// <paramref name="text"/> ending with exactly one full stop: a server message that already ends a sentence
    /// ("…from the emulator.") does not get a second one when the engine's advice follows it.
    /// </summary>
    public static string Closed(string text)
    {
        var trimmed = text.TrimEnd();
        return trimmed.EndsWith('.') || trimmed.EndsWith('!') || trimmed.EndsWith('?') || trimmed.EndsWith('…') ? trimmed : trimmed + ".";
    }
}
