using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engine.Cli.Configuration;
using Engine.Cli.Output;
using Engine.Cli.Running;
using Engine.Transfers;
using Spectre.Console;

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
            return await WriteAsync(parse, context, transfers, CliJson.Context.IReadOnlyListTransferStatus, StatusTable.WriteList).ConfigureAwait(false);
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
            return await WriteAsync(parse, context, status, CliJson.Context.TransferStatus, StatusTable.WriteOne).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Writes <paramref name="value"/> to stdout as JSON with <c>--json</c>, else as a table.</summary>
    private static async Task<int> WriteAsync<T>(ParseResult parse, CliContext context, T value, JsonTypeInfo<T> json, Action<IAnsiConsole, T> table)
    {
        if (parse.GetValue(EngineOptions.Json))
        {
            await context.Output.WriteLineAsync(JsonSerializer.Serialize(value, json)).ConfigureAwait(false);
        }
        else
        {
            table(CliConsole.For(context.Output), value);
        }

        return ExitCodes.Success;
    }

    private static Task<IReadOnlyList<TransferStatus>> ReadAsync(ParseResult parse, CliContext context, CancellationToken cancellation) =>
        EngineLauncher.ReadJournalAsync(EngineLauncher.LoadOptions(parse), context, cancellation);
}
