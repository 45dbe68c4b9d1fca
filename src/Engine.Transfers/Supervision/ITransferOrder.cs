namespace Engine.Transfers.Supervision;

/// <summary>A new transfer's validated order, which its actor records as the first event of its stream.</summary>
/// <typeparam name="TEvent">The kind's request event.</typeparam>
internal interface ITransferOrder<out TEvent>
{
    /// <summary>The first event of the transfer <paramref name="transferId"/> this order starts at <paramref name="now"/>.</summary>
    TEvent ToEvent(string transferId, DateTimeOffset now);
}
