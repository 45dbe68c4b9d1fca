using System.Globalization;

namespace Engine.Transfers.Supervision;

/// <summary>
/// What admitted transfers hold of the supervisor's limits: admission slots (<c>max-active-transfers</c>) and I/O
/// buffer bytes (<c>max-bytes-in-flight</c>). Owned by the <see cref="TransferSupervisor"/>; not thread-safe.
/// </summary>
internal sealed class AdmissionBudget(int maxTransfers, long maxBytes)
{
    /// <summary>Transfers admitted now.</summary>
    public int Transfers { get; private set; }

    /// <summary>Buffer bytes the admitted transfers reserved.</summary>
    public long Bytes { get; private set; }

    /// <summary>Why a transfer needing <paramref name="bytes"/> of buffers cannot be admitted now, or <c>null</c> when it can.</summary>
    public string? Blocker(long bytes) =>
        Transfers >= maxTransfers
            ? string.Format(CultureInfo.InvariantCulture,
                "waiting for an admission slot: {0:N0} of {1:N0} transfers are running (engine.supervisor.max-active-transfers)", Transfers, maxTransfers)
            : Bytes + bytes > maxBytes
                ? string.Format(CultureInfo.InvariantCulture,
                    "waiting for I/O buffer budget: {0:N0} KiB of {1:N0} KiB are reserved by {2:N0} running transfers and the next needs {3:N0} KiB (engine.supervisor.max-bytes-in-flight)",
                    Bytes / 1024, maxBytes / 1024, Transfers, bytes / 1024)
                : null;

    /// <summary>A transfer needing <paramref name="bytes"/> is admitted.</summary>
    public void Take(long bytes)
    {
        Transfers++;
        Bytes += bytes;
    }

    /// <summary>A transfer that reserved <paramref name="bytes"/> gives its slot back.</summary>
    public void Give(long bytes)
    {
        Transfers--;
        Bytes -= bytes;
    }
}
