using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>A fixed token (e.g. <c>--token</c>); a refresh returns the same one, so a 401 fails the transfer after one retry.</summary>
public sealed class StaticAccessTokenSource : IAccessTokenSource
{
    private readonly BearerToken _token;

    /// <param name="token">The bare OAuth token, without the <c>Bearer </c> prefix.</param>
    /// <exception cref="ArgumentException">The token is empty or holds whitespace (the message never shows it).</exception>
    public StaticAccessTokenSource(string token) => _token = new BearerToken(token);

    /// <inheritdoc />
    public ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    /// <inheritdoc />
    public ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken) => ValueTask.FromResult(_token);

    /// <inheritdoc />
    public override string ToString() => "StaticAccessTokenSource(***)";
}
