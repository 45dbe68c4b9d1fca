namespace Engine.Chaos.Running;

/// <summary>The transfer-identifying parts of the paths in the emulator's request log.</summary>
public static class RequestPaths
{
    /// <summary>The <c>upload_id</c> of a request to a session URI, or empty.</summary>
    public static string SessionOf(string path)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return "";
        }

        foreach (var pair in path[(query + 1)..].Split('&'))
        {
            if (pair.StartsWith("upload_id=", StringComparison.Ordinal))
            {
                return Uri.UnescapeDataString(pair["upload_id=".Length..]);
            }
        }

        return "";
    }

    /// <summary>The last path segment before the query: an operation name in polls and content URIs.</summary>
    public static string LastSegment(string path)
    {
        var end = path.IndexOf('?', StringComparison.Ordinal) is var q and >= 0 ? q : path.Length;
        return path[(path.LastIndexOf('/', end - 1) + 1)..end];
    }
}
