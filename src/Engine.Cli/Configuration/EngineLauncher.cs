using System.CommandLine;
using Engine.Cli.Running;
using Engine.Persistence.Sql.Options;
using Engine.Transfers;
using Engine.Transfers.Tokens;

namespace Engine.Cli.Configuration;

/// <summary>Turns a command line into engine options and a running <see cref="TransferEngine"/>, reporting bad settings as usage errors.</summary>
internal static class EngineLauncher
{
    /// <summary>The options for <paramref name="parse"/>, with <paramref name="commandSettings"/> (from the command's own options) applied last.</summary>
    /// <exception cref="UsageException">A setting is unknown or invalid; the message names it.</exception>
    public static TransferEngineOptions LoadOptions(ParseResult parse, params IEnumerable<string> commandSettings)
    {
        var options = TransferEngineOptions.FromConfig(EngineSettings.Load(parse, commandSettings));
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"configuration error: {e.Message}");
        }

        return options;
    }

    /// <summary>Starts an engine on <paramref name="options"/>' journal (which re-runs its unfinished transfers).</summary>
    public static Task<TransferEngine> StartAsync(TransferEngineOptions options, IAccessTokenSource tokens, CliContext context,
        CancellationToken cancellation) =>
        TransferEngine.StartAsync(options, tokens, context.LoggerFactory, cancellationToken: cancellation);

    /// <summary>Every transfer recorded in the journal of <paramref name="options"/>, read without running any.</summary>
    public static Task<IReadOnlyList<TransferStatus>> ReadJournalAsync(TransferEngineOptions options, CliContext context, CancellationToken cancellation)
    {
        if (options.Persistence.Provider == PersistenceProvider.Sqlite && !File.Exists(options.Persistence.Sqlite.Path))
        {
            // Not an error (nothing has run here yet), but a mistyped --journal should not look like an empty journal.
            context.Say($"no journal at '{Path.GetFullPath(options.Persistence.Sqlite.Path)}' yet; nothing has been recorded there.");
        }

        return TransferJournalQuery.ListAsync(options, cancellation);
    }

    /// <summary>
    /// The token source of <c>--token</c>, else the one <c>engine.tokens</c> configures (by default the <c>ENGINE_TOKEN</c>
    /// environment variable, re-read on every request so it can be rotated; or a file, or an external command).
    /// </summary>
    /// <exception cref="UsageException">No token is given and the configured source cannot give one.</exception>
    public static IAccessTokenSource Tokens(ParseResult parse, TransferEngineOptions options)
    {
        if (parse.GetValue(Commands.EngineOptions.Token) is { } token)
        {
            try
            {
                return new StaticAccessTokenSource(token.Trim());
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"--token: {e.Message}");
            }
        }

        var configured = options.Tokens;
        if (configured.Source == TokenSourceKind.Environment && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(configured.Variable)))
            throw new UsageException(
                $"no access token: pass --token TOKEN or set the {configured.Variable} environment variable (preferred: it stays out of the process list), " +
                "or configure engine.tokens.source = file | command.");
        try
        {
            return configured.CreateSource();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
