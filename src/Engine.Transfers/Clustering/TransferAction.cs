using Engine.Actors;
using Engine.Transfers.Supervision;

namespace Engine.Transfers.Clustering;

/// <summary>
/// A question or order about one existing transfer: asked of the local supervisor, or, in cluster mode, routed to the
/// node that owns the transfer's shard under its wire name.
/// </summary>
internal enum TransferAction
{
    Status,
    Pause,
    Resume,
    Cancel,
}

/// <summary>The one mapping of <see cref="TransferAction"/> to supervisor commands and to the names routed commands carry.</summary>
internal static class TransferActions
{
    /// <summary>The supervisor command asking <paramref name="request"/> about <paramref name="transferId"/>.</summary>
    public static SupervisorCommand Command(this TransferAction request, string transferId, IActorRef<TransferStatus> replyTo) => request switch
    {
        TransferAction.Status => new QueryTransfer(transferId, replyTo),
        TransferAction.Pause => new PauseTransfer(transferId, replyTo),
        TransferAction.Resume => new ResumeTransfer(transferId, replyTo),
        TransferAction.Cancel => new CancelTransfer(transferId, replyTo),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request, "Not a transfer request."),
    };

    /// <summary>The kind a routed command carries (<c>status</c>, <c>pause</c>, <c>resume</c>, <c>cancel</c>).</summary>
    public static string WireName(this TransferAction request) => request.ToString().ToLowerInvariant();

    /// <summary>The request a routed command's kind names, if it names one.</summary>
    public static bool TryParse(string wireName, out TransferAction request)
    {
        foreach (var candidate in Enum.GetValues<TransferAction>())
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
