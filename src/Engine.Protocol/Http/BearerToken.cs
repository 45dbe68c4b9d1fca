namespace Engine.Protocol.Http;

/// <summary>
/// An OAuth bearer token passed to one call. It is never stored by a client, and its
/// <see cref="ToString"/> is redacted so it cannot leak into a log line, journal or exception message.
/// </summary>
public readonly struct BearerToken
{
    private readonly string? _value;

    public BearerToken(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsWhiteSpace) || value.Any(char.IsControl))
            throw new ArgumentException("The access token is empty or contains whitespace or control characters; pass the bare OAuth token (without the 'Bearer ' prefix).", nameof(value));
        _value = value;
    }

    /// <summary>The raw value, for the <c>Authorization</c> header only.</summary>
    internal string Reveal() => _value ?? throw new InvalidOperationException("No access token was given for this call; pass one (e.g. --token or ENGINE_TOKEN).");

    public override string ToString() => "Bearer ***";
}
