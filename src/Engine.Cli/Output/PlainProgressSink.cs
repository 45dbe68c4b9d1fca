using System.Collections.Concurrent;
using Engine.Transfers;

namespace Engine.Cli.Output;

/// <summary>
/// Progress as plain lines: one when a transfer changes phase, retries, or passes another tenth of its bytes, so a
/// log stays short however often the engine reports. A failure is left to the run's own one-line report.
/// </summary>
internal sealed class PlainProgressSink(TextWriter error) : IProgressSink
{
    private readonly ConcurrentDictionary<string, (TransferPhase Phase, int Retries, long Tenth)> shown = new(StringComparer.Ordinal);
    private readonly Lock writing = new();

    public void Show(string label, TransferStatus status)
    {
        if (status.Phase is TransferPhase.Failed or TransferPhase.Cancelled)
        {
            return; // the run reports these itself, in one line with the reason
        }

        var reached = Math.Max(status.BytesSent, status.BytesAcknowledged);
        var tenth = status.BytesTotal is > 0 and var total ? reached * 10 / total : 0;
        var now = (status.Phase, status.Retries, tenth);
        if (shown.TryGetValue(status.Id, out var before) && before == now)
        {
            return;
        }

        shown[status.Id] = now;
        Message($"{label}: {Describe(status, reached)}");
    }

    public void Message(string text)
    {
        lock (writing)
        {
            error.WriteLine($"engine: {text}");
        }
    }

    private static string Describe(TransferStatus status, long reached)
    {
        var phase = status.Phase.ToString().ToLowerInvariant();
        var bytes = status.BytesTotal is > 0 and var total
            ? $" {reached * 100 / total}% ({ByteSize.Format(reached)} of {ByteSize.Format(total)}, {ByteSize.Format(status.BytesAcknowledged)} acknowledged)"
            : "";
        var retries = status.Retries > 0 ? $", retries {status.Retries}" + (status.LastRetryCause is { } cause ? $" (last: {cause})" : "") : "";
        return phase + bytes + retries;
    }
}
