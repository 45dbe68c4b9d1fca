namespace Engine.Protocol.Http;

/// <summary>
/// A live byte counter written by the I/O thread and readable from any other thread (progress reports, the stall
/// watchdog) without locks.
/// </summary>
/// <param name="observer">Also told every increment, on the I/O thread (e.g. a metrics counter); must be cheap and not throw.</param>
public sealed class TransferProgress(Action<long>? observer = null)
{
    private long _bytes;

    /// <summary>Bytes moved so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Records <paramref name="count"/> more bytes.</summary>
    public void Add(long count)
    {
        Interlocked.Add(ref _bytes, count);
        observer?.Invoke(count);
    }
}
