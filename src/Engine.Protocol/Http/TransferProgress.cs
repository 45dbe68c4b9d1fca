namespace Engine.Protocol.Http;

/// <summary>
/// A live byte counter written by the I/O thread and readable from any other thread (progress reports, the stall
/// watchdog) without locks.
/// </summary>
public sealed class TransferProgress
{
    private long _bytes;

    /// <summary>Bytes moved so far.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Records <paramref name="count"/> more bytes.</summary>
    public void Add(long count) => Interlocked.Add(ref _bytes, count);
}
