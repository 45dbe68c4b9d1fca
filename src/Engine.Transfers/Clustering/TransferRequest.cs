using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Clustering;

/// <summary>
/// A question or order about one existing transfer: asked of the local supervisor, or, in cluster mode, routed to the
/// node that owns the transfer's shard under its wire name.
/// </summary>
internal enum TransferRequest
{
    Status,
    Pause,
    Resume,
    Cancel,
}

/// <summary>The one mapping of <see cref="TransferRequest"/> to supervisor commands and to the names routed commands carry.</summary>
internal static class TransferRequests
{
    /// <summary>The supervisor command asking <paramref name="request"/> about <paramref name="transferId"/>.</summary>
    public static SupervisorCommand Command(this TransferRequest request, string transferId, IActorRef<TransferStatus> replyTo) => request switch
    {
        TransferRequest.Status => new QueryTransfer(transferId, replyTo),
        TransferRequest.Pause => new PauseTransfer(transferId, replyTo),
        TransferRequest.Resume => new ResumeTransfer(transferId, replyTo),
        TransferRequest.Cancel => new CancelTransfer(transferId, replyTo),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Not a transfer request."),
    };

    /// <summary>The kind a routed command carries (<c>status</c>, <c>pause</c>, <c>resume</c>, <c>cancel</c>).</summary>
    public static string WireName(this TransferRequest request) => request.ToString().ToLowerInvariant();

    /// <summary>The request a routed command's kind names, if it names one.</summary>
    public static bool TryParse(string wireName, out TransferRequest request)
    {
        foreach (var candidate in Enum.GetValues<TransferRequest>())
        {
            if (candidate.WireName() == wireName)
            {
                request = candidate;
                return true;
            }
        }
        request = default;
        return false;
    }
}
