namespace Engine.Benchmarks.Load;

/// <summary>Samples the managed heap (bytes allocated and not yet collected) every 100 ms and keeps the peak.</summary>
internal sealed class HeapSampler : IDisposable
{
    private readonly Timer _timer;
    private long _peak;

    public HeapSampler() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));

    public long PeakManagedBytes
    {
        get
        {
            Sample();
            return Interlocked.Read(ref _peak);
        }
    }

    private void Sample()
    {
        var now = Math.Max(GC.GetTotalMemory(false), GC.GetGCMemoryInfo().HeapSizeBytes);
        long seen;
        do seen = Interlocked.Read(ref _peak);
        while (now > seen && Interlocked.CompareExchange(ref _peak, now, seen) != seen);
    }

    public void Dispose() => _timer.Dispose();
}
