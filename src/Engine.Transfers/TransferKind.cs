namespace Engine.Transfers;

/// <summary>What a transfer moves, and in which direction.</summary>
public enum TransferKind
{
    /// <summary>A local file sent to the server through a resumable upload session.</summary>
    Upload,

    /// <summary>A Drive file fetched through a long-running download operation.</summary>
    Download,
}
