namespace Engine.Transfers.Configuration;

/// <summary>The <c>engine.supervisor</c> settings: admission limits and the back-pressure on starts.</summary>
public sealed class SupervisorOptions
{
    /// <summary><c>max-active-transfers</c>: transfers moving at once; the others wait as <see cref="TransferPhase.Queued"/>.</summary>
    public int MaxActiveTransfers { get; set; } = 1000;

    /// <summary>
    /// <c>max-bytes-in-flight</c>: the I/O buffer budget shared by all running transfers. A transfer is admitted only
    /// when its buffers (an upload's <c>buffer-size</c>, a download's <c>segments × buffer-size</c>) fit in what is left.
    /// </summary>
    public long MaxBytesInFlight { get; set; } = 256L * 1024 * 1024;

    /// <summary><c>max-connections-per-host</c>: pooled HTTP connections to one host.</summary>
    public int MaxConnectionsPerHost { get; set; } = 64;

    /// <summary>
    /// <c>max-pending-starts</c>: starts being recorded in the journal at once; further <c>Start…Async</c> calls wait
    /// (asynchronously, cancellable) for one of them to finish.
    /// </summary>
    public int MaxPendingStarts { get; set; } = 256;

    /// <summary><c>start-timeout</c>: how long a start may wait for its turn before it fails with <see cref="EngineBusyException"/>.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>passivate-waits-over</c>: a transfer about to wait at least this long for a time recorded in its journal (a
    /// download's next poll, or its next <c>download()</c> after a failed operation) gives up its actor and admission
    /// slot until then.
    /// </summary>
    public TimeSpan PassivateWaitsOver { get; set; } = TimeSpan.FromSeconds(30);
}
