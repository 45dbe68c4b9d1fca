namespace Engine.Transfers.Tokens;

/// <summary>
/// The <c>engine.tokens</c> settings: which <see cref="IAccessTokenSource"/> the engine uses when the host (or the
/// CLI) does not pass one. A token itself never appears in configuration.
/// </summary>
public sealed class TokenOptions
{
    /// <summary><c>source</c>: environment, file or command.</summary>
    public TokenSourceKind Source { get; set; } = TokenSourceKind.Environment;

    /// <summary><c>variable</c>: the environment variable of the <c>environment</c> source.</summary>
    public string Variable { get; set; } = EnvironmentAccessTokenSource.DefaultVariable;

    /// <summary><c>file</c>: the token file of the <c>file</c> source.</summary>
    public string? File { get; set; }

    /// <summary><c>command</c>: the executable and its arguments of the <c>command</c> source.</summary>
    public IReadOnlyList<string> Command { get; set; } = [];

    /// <summary><c>command-timeout</c>: how long one run of the command may take.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Creates the source these settings choose.</summary>
    /// <param name="timeProvider">The clock of the command timeout; the system clock when omitted.</param>
    /// <exception cref="ArgumentException">The chosen source lacks its setting; the message names it.</exception>
    public IAccessTokenSource CreateSource(TimeProvider? timeProvider = null) => Source switch
    {
        TokenSourceKind.Environment => new EnvironmentAccessTokenSource(Required(Variable, "variable")),
        TokenSourceKind.File => new FileAccessTokenSource(Required(File, "file")),
        TokenSourceKind.Command when Command.Count == 0 => throw Missing("command"),
        TokenSourceKind.Command when CommandTimeout <= TimeSpan.Zero =>
            throw new ArgumentException($"Setting engine.tokens.command-timeout = {CommandTimeout} is invalid: it must be positive."),
        TokenSourceKind.Command => new CommandAccessTokenSource(Command, CommandTimeout, timeProvider),
        _ => throw new ArgumentException($"Setting engine.tokens.source = {Source} is not a token source; use environment, file or command."),
    };

    private string Required(string? value, string key) => string.IsNullOrWhiteSpace(value) ? throw Missing(key) : value;

    private ArgumentException Missing(string key) =>
        new($"engine.tokens.source = {Source.ToString().ToLowerInvariant()} needs engine.tokens.{key}, which is not set; set it in your engine.conf or with --set engine.tokens.{key}=….");
}
