using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>
/// Reads the token from an environment variable on every request, so an operator (or a sidecar that rewrites the
/// process environment) can rotate it; a refresh reads it again.
/// </summary>
public sealed class EnvironmentAccessTokenSource : IAccessTokenSource
{
    /// <summary>The variable the CLI reads by default.</summary>
    public const string DefaultVariable = "ENGINE_TOKEN";

    private readonly string _variable;

    /// <param name="variable">The environment variable holding the bare OAuth token.</param>
    public EnvironmentAccessTokenSource(string variable = DefaultVariable)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(variable);
        _variable = variable;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The variable is unset or empty.</exception>
    public ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken)
    {
        var value = Environment.GetEnvironmentVariable(_variable);
        if (string.IsNullOrWhiteSpace(value))
            throw new InvalidOperationException($"The environment variable {_variable} holds no access token; set it to the OAuth token, or pass the token another way (e.g. --token).");
        return ValueTask.FromResult(new BearerToken(value.Trim()));
    }

    /// <inheritdoc />
    public ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken) => GetTokenAsync(cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"EnvironmentAccessTokenSource({_variable})";
}
