namespace Engine.Protocol.Upload;

/// <summary>An open session and the file it receives.</summary>
/// <param name="SessionUri">The session URI (a capability: never logged in clear).</param>
/// <param name="FilePath">The local source file.</param>
/// <param name="TotalBytes">The file size declared when the session was opened.</param>
/// <param name="ContentType">The media type declared when the session was opened.</param>
public sealed record UploadTarget(Uri SessionUri, string FilePath, long TotalBytes, string ContentType)
{
    public override string ToString() => $"UploadTarget(session URI redacted, {FilePath}, {TotalBytes} bytes, {ContentType})";
}
