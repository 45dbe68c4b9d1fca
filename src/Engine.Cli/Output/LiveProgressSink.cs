using System.Collections.Concurrent;
using Engine.Transfers;
using Spectre.Console;

namespace Engine.Cli.Output;

/// <summary>One Spectre progress bar per transfer, at the byte the transfer has reached; retries show in its description.</summary>
internal sealed class LiveProgressSink(IAnsiConsole console, ProgressContext context) : IProgressSink
{
    private readonly ConcurrentDictionary<string, ProgressTask> bars = new(StringComparer.Ordinal);

    public void Show(string label, TransferStatus status)
    {
        var bar = bars.GetOrAdd(status.Id, _ => context.AddTask(Markup.Escape(label), autoStart: true, maxValue: Math.Max(1, status.BytesTotal ?? 1)));
        if (status.BytesTotal is { } total)
        {
            bar.MaxValue = Math.Max(1, total);
        }

        bar.Value = Math.Max(status.BytesSent, status.BytesAcknowledged);
        bar.Description = Markup.Escape(Describe(label, status));
        if (status.Phase.IsFinished())
        {
            bar.StopTask();
        }
    }

    public void Message(string text) => console.MarkupLine(Markup.Escape($"engine: {text}"));

    private static string Describe(string label, TransferStatus status) => status.Phase switch
    {
        TransferPhase.Active when status.Retries > 0 => $"{label} (retries {status.Retries})",
        TransferPhase.Active => label,
        var phase => $"{label} ({phase.ToString().ToLowerInvariant()})",
    };
}
