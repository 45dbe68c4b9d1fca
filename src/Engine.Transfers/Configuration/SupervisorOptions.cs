namespace Engine.Transfers.Configuration;

/// <summary>The <c>engine.supervisor</c> settings: admission limits.</summary>
public sealed class SupervisorOptions
{
    /// <summary><c>max-active-transfers</c>: transfers moving at once; the others wait as <see cref="TransferPhase.Queued"/>.</summary>
    public int MaxActiveTransfers { get; set; } = 1000;

    /// <summary><c>max-bytes-in-flight</c>: bytes requested but not yet acknowledged over all transfers.</summary>
    public long MaxBytesInFlight { get; set; } = 256L * 1024 * 1024;

    /// <summary><c>max-connections-per-host</c>: pooled HTTP connections to one host.</summary>
    public int MaxConnectionsPerHost { get; set; } = 64;
}
