using Engine.Transfers;

namespace Engine.Cli.Running;

/// <summary>
/// Hands every status change of some transfers to a callback until disposed (the engine's <c>WatchAsync</c>, filtered
/// to the transfers of this run and ended cleanly).
/// </summary>
internal sealed class TransferWatch : IAsyncDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly Task watching;

    private TransferWatch(CancellationTokenSource stop, Task watching)
    {
        this.stop = stop;
        this.watching = watching;
    }

    /// <summary>Starts watching the transfers in <paramref name="labels"/> (id → label).</summary>
    public static TransferWatch Start(TransferEngine engine, IReadOnlyDictionary<string, string> labels, Action<string, TransferStatus> onStatus,
        CancellationToken cancellation)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        return new TransferWatch(stop, Task.Run(async () =>
        {
            await foreach (var status in engine.WatchAsync(cancellationToken: stop.Token).ConfigureAwait(false))
            {
                if (labels.TryGetValue(status.Id, out var label))
                {
                    onStatus(label, status);
                }
            }
        }, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await watching.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The watch ends by cancellation.
        }
        finally
        {
            stop.Dispose();
        }
    }
}
