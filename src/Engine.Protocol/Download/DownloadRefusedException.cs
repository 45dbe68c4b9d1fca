namespace Engine.Protocol.Download;

/// <summary>A download request that the rules of the spec refuse before any call (e.g. a revision of a Slides file).</summary>
public sealed class DownloadRefusedException(CanonicalCode code, string message) : Exception(message)
{
    /// <summary>The canonical code the server would answer with.</summary>
    public CanonicalCode Code { get; } = code;
}
