namespace Engine.Protocol.Upload;

/// <summary>What a new upload session is opened with (spec resumable-upload §1).</summary>
/// <param name="MetadataJson">The resource metadata (a JSON object, e.g. snippet and status).</param>
/// <param name="Parts">The <c>part</c> parameter, e.g. <c>snippet,status,contentDetails</c>.</param>
/// <param name="TotalBytes">Size of the media to come (<c>X-Upload-Content-Length</c>).</param>
/// <param name="ContentType">Media type (<c>X-Upload-Content-Type</c>), e.g. <c>video/*</c>.</param>
public sealed record UploadSessionRequest(string MetadataJson, string Parts, long TotalBytes, string ContentType);
