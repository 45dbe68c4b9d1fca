namespace Engine.Cli;

/// <summary>The exit codes of <c>engine</c>, the same for every command (listed in <c>--help</c> and docs/cli.md).</summary>
internal static class ExitCodes
{
    /// <summary>Everything asked for succeeded (every transfer finished, every check passed).</summary>
    public const int Success = 0;

    /// <summary>At least one transfer failed (or a demo check failed); the rest of the output says which and why.</summary>
    public const int TransferFailed = 1;

    /// <summary>The command line or the configuration is wrong (unknown option or setting, missing file, bad value); nothing was transferred.</summary>
    public const int UsageError = 2;

    /// <summary>Stopped by Ctrl+C / SIGTERM; unfinished transfers are checkpointed in the journal and <c>engine resume</c> continues them.</summary>
    public const int Interrupted = 130;

    /// <summary>The text <c>--help</c> shows under the root command.</summary>
    public const string HelpText =
        "Exit codes: 0 everything succeeded; 1 a transfer (or a demo check) failed; " +
        "2 usage or configuration error, nothing transferred; 130 interrupted (engine resume continues).";
}
