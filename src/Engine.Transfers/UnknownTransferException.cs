namespace Engine.Transfers;

/// <summary>An id names no transfer this engine knows (neither running nor in its journal).</summary>
public sealed class UnknownTransferException(string transferId)
    : KeyNotFoundException($"No transfer '{transferId}' is known to this engine or its journal; check the id (engine list shows every transfer).")
{
    /// <summary>The id asked for.</summary>
    public string TransferId { get; } = transferId;
}
