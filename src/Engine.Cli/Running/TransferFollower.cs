using Engine.Cli.Output;
using Engine.Transfers;

namespace Engine.Cli.Running;

/// <summary>
/// Follows a set of transfers to their end: progress on stderr while they move, the caller's <c>completed</c> for each
/// that completes (upload and download print a JSON line), one line on stderr naming each that fails and why. Used by
/// upload, download, resume and the demo alike.
/// </summary>
internal static class TransferFollower
{
    /// <summary>Follows the transfers in <paramref name="labels"/> (id → what to call it) and returns their final statuses.</summary>
    public static Task<TransferStatus[]> FollowAsync(TransferEngine engine, IReadOnlyDictionary<string, string> labels, Action<TransferStatus> completed,
        CancellationToken cancellation) =>
        ProgressDisplay.RunAsync(async sink =>
        {
            await using var watch = TransferWatch.Start(engine, labels, sink.Show, cancellation);
            return await Task.WhenAll(labels.Select(async transfer =>
            {
                var final = await engine.WaitForCompletionAsync(transfer.Key, cancellation).ConfigureAwait(false);
                sink.Show(transfer.Value, final);
                Report(final, transfer.Value, completed, sink);
                return final;
            })).ConfigureAwait(false);
        });

    /// <summary>The exit code for a run whose transfers ended as <paramref name="finals"/>.</summary>
    public static int ExitCodeOf(IEnumerable<TransferStatus> finals) =>
        finals.All(s => s.Phase == TransferPhase.Completed) ? ExitCodes.Success : ExitCodes.TransferFailed;

    /// <summary>What to call a transfer in progress lines: the file name of an upload, the file id of a download.</summary>
    public static string LabelOf(TransferStatus status) =>
        status.Kind == TransferKind.Upload ? Path.GetFileName(status.Source) : status.Source;

    private static void Report(TransferStatus final, string label, Action<TransferStatus> completed, IProgressSink sink)
    {
        switch (final.Phase)
        {
            case TransferPhase.Completed:
                completed(final);
                break;
            case TransferPhase.Cancelled:
                sink.Message($"{Describe(final, label)} was cancelled ({final.Id}).");
                break;
            default:
                // The engine's reason is already a sentence naming the transfer, its file and what to do.
                sink.Message(final.LastError ?? $"{Describe(final, label)} failed; no reason was recorded ({final.Id}).");
                break;
        }
    }

    private static string Describe(TransferStatus status, string label) =>
        status.Kind == TransferKind.Upload ? $"upload of '{status.Source}'" : $"download of {label}";
}
