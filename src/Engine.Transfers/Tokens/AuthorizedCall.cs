using Engine.Protocol.Http;

namespace Engine.Transfers.Tokens;

/// <summary>Runs a request step with the current token and, when the server rejects it (401), once more with a refreshed one.</summary>
internal static class AuthorizedCall
{
    /// <param name="tokens">Where tokens come from.</param>
    /// <param name="call">The step, given the token to use.</param>
    /// <param name="unauthorized">Whether the step's result is a 401 rejection.</param>
    /// <param name="cancellationToken">Cancels the token source calls.</param>
    public static async Task<TResult> RunAsync<TResult>(IAccessTokenSource tokens, Func<BearerToken, Task<TResult>> call,
        Func<TResult, bool> unauthorized, CancellationToken cancellationToken)
    {
        var result = await call(await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
        if (!unauthorized(result)) return result;
        return await call(await tokens.RefreshAsync(cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }
}
