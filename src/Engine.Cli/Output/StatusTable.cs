using System.Globalization;
using Engine.Transfers;
using Spectre.Console;

namespace Engine.Cli.Output;

/// <summary>The tables of <c>engine list</c> (one row per transfer) and <c>engine status</c> (one transfer, field by field), on stdout.</summary>
internal static class StatusTable
{
    public static void WriteList(IAnsiConsole console, IReadOnlyList<TransferStatus> transfers)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("ID", "KIND", "STATE", "SOURCE", "PROGRESS", "SESSIONS/OPS", "LAST ERROR", "NEXT RETRY");
        foreach (var s in transfers)
        {
            table.AddRow(
                Cell(s.Id), Cell(s.Kind.ToString().ToLowerInvariant()), Cell(Phase(s)), Cell(s.Source), Cell(Progress(s)),
                Cell(s.SessionsOpened.ToString(CultureInfo.InvariantCulture)), Cell(s.LastError ?? ""), Cell(NextRetry(s)));
        }

        console.Write(table);
        console.WriteLine($"{transfers.Count} transfer(s), {transfers.Count(t => !t.Phase.IsFinished())} unfinished.");
    }

    public static void WriteOne(IAnsiConsole console, TransferStatus s)
    {
        var grid = new Grid().AddColumn().AddColumn();
        void Row(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                grid.AddRow(Cell(name), Cell(value));
            }
        }

        Row("id", s.Id);
        Row("kind", s.Kind.ToString().ToLowerInvariant());
        Row("state", Phase(s));
        Row("source", s.Source);
        Row("destination", s.Destination);
        Row("progress", Progress(s));
        Row(s.Kind == TransferKind.Upload ? "sessions opened" : "operations started", s.SessionsOpened.ToString(CultureInfo.InvariantCulture));
        Row("polls", s.Polls > 0 ? s.Polls.ToString(CultureInfo.InvariantCulture) : null);
        Row("sha-256", s.Sha256);
        Row("requested at", s.RequestedAt?.ToString("u", CultureInfo.InvariantCulture));
        Row("last error", s.LastError);
        Row("next retry", NextRetry(s));
        Row("resource", s.ResourceJson);
        console.Write(grid);
    }

    private static Text Cell(string text) => new(text);

    private static string Phase(TransferStatus s) => s.Phase.ToString().ToLowerInvariant();

    private static string Progress(TransferStatus s) => s.BytesTotal is { } total
        ? string.Create(CultureInfo.InvariantCulture,
            $"{s.BytesAcknowledged}/{total} bytes acknowledged ({(total == 0 ? 100 : s.BytesAcknowledged * 100 / total)}%)")
        : string.Create(CultureInfo.InvariantCulture, $"{s.BytesAcknowledged} bytes acknowledged");

    private static string NextRetry(TransferStatus s) => s.NextRetryAt?.ToString("u", CultureInfo.InvariantCulture) ?? "";
}
