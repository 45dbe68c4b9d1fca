using System.Globalization;
using System.Text.Json.Nodes;
using Engine.Emulator.Faults;
using Engine.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary>
/// <c>files.get</c> (with <c>headRevisionId</c>), <c>revisions.list</c> and <c>revisions.get</c>; with
/// <c>alt=media</c> a blob revision's bytes (ranges allowed), and <c>fileNotDownloadable</c> for Workspace revisions (spec §4).
/// </summary>
internal sealed class FileMetadataHandler(DriveFileRegistry files, FaultGate gate)
{
    public async Task GetFileAsync(HttpContext context)
    {
        if (await EnterAsync(context) is not { } file)
        {
            return;
        }

        var json = new JsonObject
        {
            ["kind"] = "drive#file",
            ["id"] = file.Id,
            ["name"] = file.Name,
            ["mimeType"] = file.MimeType,
            ["headRevisionId"] = file.Head.Id,
        };
        if (file.Kind == DriveFileKind.Blob)
        {
            json["size"] = file.Head.Content.Length.ToString(CultureInfo.InvariantCulture);
        }

        if (file.ResourceKey is { } key)
        {
            json["resourceKey"] = key;
        }

        await WriteJsonAsync(context, json).ConfigureAwait(false);
    }

    public async Task ListRevisionsAsync(HttpContext context)
    {
        if (await EnterAsync(context) is not { } file)
        {
            return;
        }

        var revisions = new JsonArray(file.Revisions.Select(r => (JsonNode)Describe(file, r)).ToArray());
        await WriteJsonAsync(context, new JsonObject { ["kind"] = "drive#revisionList", ["revisions"] = revisions }).ConfigureAwait(false);
    }

    public async Task GetRevisionAsync(HttpContext context)
    {
        if (await EnterAsync(context) is not { } file
            || await DriveAccess.RouteIdAsync(context, "revisionId").ConfigureAwait(false) is not { } revisionId)
        {
            return;
        }

        if (file.Revision(revisionId) is not { } revision)
        {
            await new HttpProblem(404, "notFound", $"Revision not found: {revisionId} of file {file.Id}.").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (context.Request.Query["alt"] != "media")
        {
            await WriteJsonAsync(context, Describe(file, revision)).ConfigureAwait(false);
            return;
        }

        if (file.Kind != DriveFileKind.Blob)
        {
            await new HttpProblem(403, "fileNotDownloadable",
                $"fileNotDownloadable: revisions of Google {file.Kind} file {file.Id} cannot be fetched with alt=media; " +
                "only blob revisions can. Use files.download (with revisionId for Docs and Sheets).").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var decision = await gate.EnterAsync(context, FaultTarget.Content).ConfigureAwait(false);
        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return;
        }

        await ContentResponder.ServeAsync(context, revision.Content, file.MimeType, rangesAllowed: true, decision, gate.Time, report: _ => { })
            .ConfigureAwait(false);
    }

    /// <summary>Draws metadata faults and checks token, id and resource key; returns the file, or null after answering.</summary>
    private async Task<DriveFile?> EnterAsync(HttpContext context)
    {
        var decision = await gate.EnterAsync(context, FaultTarget.Metadata).ConfigureAwait(false);
        if (await DriveAccess.OwnerAsync(context).ConfigureAwait(false) is null
            || await DriveAccess.RouteIdAsync(context, "fileId").ConfigureAwait(false) is not { } fileId)
        {
            return null;
        }

        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return null;
        }

        return await DriveAccess.VisibleFileAsync(context, files, fileId).ConfigureAwait(false);
    }

    private static JsonObject Describe(DriveFile file, DriveRevision revision)
    {
        var json = new JsonObject
        {
            ["kind"] = "drive#revision",
            ["id"] = revision.Id,
            ["mimeType"] = file.MimeType,
            ["modifiedTime"] = revision.ModifiedTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
        if (file.Kind == DriveFileKind.Blob)
        {
            json["size"] = revision.Content.Length.ToString(CultureInfo.InvariantCulture);
        }

        return json;
    }

    private static Task WriteJsonAsync(HttpContext context, JsonObject json)
    {
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(json.ToJsonString());
    }
}
