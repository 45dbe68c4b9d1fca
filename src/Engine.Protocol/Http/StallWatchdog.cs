namespace Engine.Protocol.Http;

/// <summary>
/// Cancels a request when its byte counter has not moved for the stall timeout (no body progress, or no answer).
/// The clock is the injected <see cref="TimeProvider"/>, checked a few times per timeout, so a stall is detected
/// between 1× and 1.25× the timeout.
/// </summary>
public sealed class StallWatchdog : IDisposable
{
    private const int ChecksPerTimeout = 4;
    private readonly TimeProvider _time;
    private readonly TimeSpan _stallTimeout;
    private readonly TransferProgress _progress;
    private readonly CancellationTokenSource _cancellation;
    private readonly ITimer _timer;
    private long _lastBytes;
    private long _lastChange;
    private int _stalled;

    public StallWatchdog(TimeProvider time, TimeSpan stallTimeout, TransferProgress progress, CancellationToken outer)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(stallTimeout, TimeSpan.Zero);
        _time = time;
        _stallTimeout = stallTimeout;
        _progress = progress;
        _lastBytes = progress.Bytes;
        _lastChange = time.GetTimestamp();
        _cancellation = CancellationTokenSource.CreateLinkedTokenSource(outer);
        var period = stallTimeout / ChecksPerTimeout;
        _timer = time.CreateTimer(_ => Check(), null, period, period);
    }

    /// <summary>Cancelled when the transfer stalls or the outer token is cancelled.</summary>
    public CancellationToken Token => _cancellation.Token;

    /// <summary>True once the watchdog cancelled the request for lack of progress.</summary>
    public bool Stalled => Volatile.Read(ref _stalled) == 1;

    private void Check()
    {
        var bytes = _progress.Bytes;
        var now = _time.GetTimestamp();
        if (bytes != _lastBytes)
        {
            _lastBytes = bytes;
            _lastChange = now;
            return;
        }
        if (_time.GetElapsedTime(_lastChange, now) < _stallTimeout || Interlocked.Exchange(ref _stalled, 1) != 0) return;
        try
        {
            _cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // A tick racing with Dispose: the request already ended, so there is nothing left to cancel.
        }
    }

    public void Dispose()
    {
        _timer.Dispose();
        _cancellation.Dispose();
    }
}
