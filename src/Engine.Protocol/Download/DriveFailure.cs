namespace Engine.Protocol.Download;

/// <summary>A permanent failure: what happened and what to do (<paramref name="Message"/>), plus its canonical code when known.</summary>
public sealed record DriveFailure(DriveFailureKind Kind, string Message, CanonicalCode? Code = null, int? StatusCode = null);
