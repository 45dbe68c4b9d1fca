namespace Engine.Emulator.Http;

/// <summary>Paces a body transfer so that it averages at most the given bytes per second.</summary>
internal sealed class BandwidthThrottle(long bytesPerSecond, TimeProvider time)
{
    private readonly long started = time.GetTimestamp();

    /// <summary>Waits until <paramref name="totalBytes"/> bytes are allowed by the cap.</summary>
    public async ValueTask PaceAsync(long totalBytes, CancellationToken cancellation)
    {
        var due = TimeSpan.FromSeconds((double)totalBytes / bytesPerSecond);
        var wait = due - time.GetElapsedTime(started);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// How much to send at a time (at most <paramref name="largest"/>): an eighth of a second's worth, so the bytes flow
    /// at the cap instead of arriving in bursts a buffer apart.
    /// </summary>
    public int PieceSize(int largest) => (int)Math.Clamp(bytesPerSecond / 8, 1, largest);

    /// <summary>Returns a throttle for <paramref name="bytesPerSecond"/>, or null when there is no cap.</summary>
    public static BandwidthThrottle? For(long? bytesPerSecond, TimeProvider time) =>
        bytesPerSecond is { } bps ? new BandwidthThrottle(bps, time) : null;
}
