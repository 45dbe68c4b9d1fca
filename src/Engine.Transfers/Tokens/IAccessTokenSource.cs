using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>
/// Where the engine gets the OAuth access token for each request. The engine asks before every request step and,
/// when the server answers 401, calls <see cref="RefreshAsync"/> once and retries before failing the transfer.
/// Tokens are never persisted, logged or put in exception messages (<see cref="BearerToken"/> redacts itself).
/// </summary>
public interface IAccessTokenSource
{
    /// <summary>The token to use now.</summary>
    ValueTask<BearerToken> GetTokenAsync(CancellationToken cancellationToken);

    /// <summary>The server rejected the token (401): return a fresh one (re-read it, re-run a command, …).</summary>
    ValueTask<BearerToken> RefreshAsync(CancellationToken cancellationToken);
}
