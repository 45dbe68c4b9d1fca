using System.CommandLine;
using System.Text.Json;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Persistence.Sql.Options;
using Engine.Transfers;

namespace Engine.Cli.Commands;

/// <summary><c>engine list</c> and <c>engine status ID</c>: what the journal holds, read without running any transfer.</summary>
internal static class ListCommand
{
    private static readonly Argument<string> Id = new("ID") { Description = "The transfer id (as printed by upload/download or engine list)." };

    public static Command CreateList()
    {
        var command = new Command("list", "Show every transfer in the journal: state, acknowledged offset, last error, next retry.")
        {
            EngineOptions.Journal, EngineOptions.Json,
        };
        command.WithConfiguration();
        CommandRunner.SetBody(command, async (parse, context, cancellation) =>
        {
            var transfers = await ReadAsync(parse, context, cancellation).ConfigureAwait(false);
            if (parse.GetValue(EngineOptions.Json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(transfers, CliJson.Context.IReadOnlyListTransferStatus)).ConfigureAwait(false);
            }
            else
            {
                StatusTable.WriteList(CliConsole.For(context.Output), transfers);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    public static Command CreateStatus()
    {
        var command = new Command("status", "Show one transfer of the journal in detail.") { Id, EngineOptions.Journal, EngineOptions.Json };
        command.WithConfiguration();
        CommandRunner.SetBody(command, async (parse, context, cancellation) =>
        {
            var id = parse.GetRequiredValue(Id);
            var status = (await ReadAsync(parse, context, cancellation).ConfigureAwait(false)).FirstOrDefault(s => s.Id == id)
                         ?? throw new UsageException($"status: no transfer '{id}' in the journal; 'engine list' shows every transfer.");
            if (parse.GetValue(EngineOptions.Json))
            {
                await context.Output.WriteLineAsync(JsonSerializer.Serialize(status, CliJson.Context.TransferStatus)).ConfigureAwait(false);
            }
            else
            {
                StatusTable.WriteOne(CliConsole.For(context.Output), status);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Task<IReadOnlyList<TransferStatus>> ReadAsync(ParseResult parse, CliContext context, CancellationToken cancellation)
    {
        var options = EngineLauncher.LoadOptions(parse);
        if (options.Persistence.Provider == PersistenceProvider.Sqlite && !File.Exists(options.Persistence.Sqlite.Path))
        {
            // Not an error (nothing has run here yet), but a mistyped --journal should not look like an empty journal.
            context.Say($"no journal at '{Path.GetFullPath(options.Persistence.Sqlite.Path)}' yet; nothing has been recorded there.");
        }

        return TransferJournalQuery.ListAsync(options, cancellation);
    }
}
