using Engine.Protocol.Headers;

namespace Engine.Protocol.Download;

/// <summary>A content fetch: the operation's <c>downloadUri</c> (or a revision's media URI) and, when allowed, a byte range.</summary>
public sealed record ContentRequest(Uri Uri, FileRef File, ByteRange? Range)
{
    public override string ToString() => $"ContentRequest(URI redacted, {File}, {(Range is { } r ? r.ToString() : "whole")})";
}
