namespace Engine.Protocol.Download;

/// <summary>A started operation: its name (from <c>download()</c>, persisted at once) and the file it concerns.</summary>
public sealed record OperationRef(string Name, FileRef File);
