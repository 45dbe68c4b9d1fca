namespace Engine.Transfers.Tokens;

/// <summary>The access token sources <c>engine.tokens.source</c> can name.</summary>
public enum TokenSourceKind
{
    /// <summary>An environment variable, read on every request (<see cref="EnvironmentAccessTokenSource"/>).</summary>
    Environment,

    /// <summary>A file, re-read when it changes (<see cref="FileAccessTokenSource"/>).</summary>
    File,

    /// <summary>An external command, run again after a 401 (<see cref="CommandAccessTokenSource"/>).</summary>
    Command,
}
