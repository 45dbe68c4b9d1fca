using Engine.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary>Checks shared by the Drive endpoints: bearer token, well-formed ids, resource keys; each answers its own error.</summary>
internal static class DriveAccess
{
    public const string ResourceKeysHeader = "X-Goog-Drive-Resource-Keys";

    /// <summary>The caller's token fingerprint, or null after answering 401.</summary>
    public static async Task<string?> OwnerAsync(HttpContext context)
    {
        if (BearerIdentity.Of(context.Request) is { } owner)
        {
            return owner;
        }

        await GoogleError.UnauthenticatedAsync(context).ConfigureAwait(false);
        return null;
    }

    /// <summary>The route value <paramref name="name"/> if it is a well-formed id, or null after answering 400.</summary>
    public static async Task<string?> RouteIdAsync(HttpContext context, string name)
    {
        var id = context.Request.RouteValues[name] as string;
        if (ResourceIds.IsValid(id))
        {
            return id;
        }

        await new HttpProblem(400, "invalidParameter", $"Path parameter {name} is malformed: use 1..128 characters of A-Z, a-z, 0-9, '_' or '-'.")
            .WriteAsync(context).ConfigureAwait(false);
        return null;
    }

    /// <summary>Whether the request may see <paramref name="file"/>: it has no resource key, or the header names it as <c>FILE_ID/KEY</c>.</summary>
    public static bool MaySee(HttpRequest request, DriveFile file)
    {
        if (file.ResourceKey is null)
        {
            return true;
        }

        var expected = $"{file.Id}/{file.ResourceKey}";
        return request.Headers[ResourceKeysHeader]
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .Any(pair => pair == expected);
    }

    /// <summary>The file <paramref name="fileId"/> if it exists and the request may see it; otherwise null after answering 404 (a missing key looks like a missing file).</summary>
    public static async Task<DriveFile?> VisibleFileAsync(HttpContext context, DriveFileRegistry files, string fileId)
    {
        if (files.Find(fileId) is { } file && MaySee(context.Request, file))
        {
            return file;
        }

        await new HttpProblem(404, "notFound", $"File not found: {fileId}. (A link-shared file also needs the header {ResourceKeysHeader}: FILE_ID/RESOURCE_KEY.)")
            .WriteAsync(context).ConfigureAwait(false);
        return null;
    }

    /// <summary>Answers 404 for an operation that is unknown, foreign, expired, or not visible without its resource key.</summary>
    public static Task OperationNotFoundAsync(HttpContext context, string name) => new HttpProblem(
        404, "notFound", $"Operation not found: {name}. It may have expired: call files.download again.").WriteAsync(context);
}
