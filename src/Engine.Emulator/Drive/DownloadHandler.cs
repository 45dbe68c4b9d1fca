using Engine.Emulator.Faults;
using Engine.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary>
/// <c>files.download</c>: POST <c>/drive/v3/files/{fileId}/download[?mimeType&amp;revisionId]</c> checks the
/// export format and revision rules (spec §1, §4, §5) and answers a new, pending operation.
/// </summary>
internal sealed class DownloadHandler(DriveFileRegistry files, OperationStore operations, FaultGate gate)
{
    public async Task HandleAsync(HttpContext context)
    {
        var decision = await gate.EnterAsync(context, FaultTarget.Download).ConfigureAwait(false);
        if (await DriveAccess.OwnerAsync(context).ConfigureAwait(false) is not { } owner
            || await DriveAccess.RouteIdAsync(context, "fileId").ConfigureAwait(false) is not { } fileId)
        {
            return;
        }

        operations.CountDownloadCall(fileId);
        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return;
        }

        if (await DriveAccess.VisibleFileAsync(context, files, fileId).ConfigureAwait(false) is not { } file)
        {
            return;
        }

        var query = context.Request.Query;
        var kind = WorkspaceKind.Of(file.Kind);
        var requestedType = query["mimeType"].ToString();
        if (CheckExport(file, kind, requestedType) is { } exportProblem)
        {
            await exportProblem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        var revision = file.Head;
        var revisionId = query["revisionId"].ToString();
        if (revisionId.Length > 0)
        {
            if (!kind.RevisionIdAllowed)
            {
                await new HttpProblem(400, "invalidArgument",
                    $"INVALID_ARGUMENT: revisionId is only for blob files, Google Docs and Google Sheets; file {file.Id} is Google {file.Kind}.")
                    .WriteAsync(context).ConfigureAwait(false);
                return;
            }

            if (file.Revision(revisionId) is not { } chosen)
            {
                await new HttpProblem(404, "notFound", $"Revision not found: {revisionId} of file {file.Id}.").WriteAsync(context).ConfigureAwait(false);
                return;
            }

            revision = chosen;
        }

        var contentType = kind.IsBlob ? file.MimeType : requestedType.Length > 0 ? requestedType : kind.DefaultExport!;
        var operation = operations.Create(owner, file, revision, contentType, (decision.Outcome as FailOperation)?.Code);
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(OperationJson.Render(operation, done: null, DriveEndpoints.ContentUri(context.Request, operation)))
            .ConfigureAwait(false);
    }

    private static HttpProblem? CheckExport(DriveFile file, WorkspaceKind kind, string requestedType)
    {
        if (requestedType.Length == 0)
        {
            return null;
        }

        if (kind.IsBlob)
        {
            return requestedType == file.MimeType
                ? null
                : new HttpProblem(400, "invalidArgument",
                    $"INVALID_ARGUMENT: mimeType={requestedType} asks for an export, which only Google Workspace documents have; file {file.Id} is a blob of type {file.MimeType}. Leave mimeType out.");
        }

        return kind.CanExportAs(requestedType)
            ? null
            : new HttpProblem(400, "invalidArgument",
                $"INVALID_ARGUMENT: Google {file.Kind} file {file.Id} cannot be exported as {requestedType}; use one of " +
                string.Join(", ", kind.Exports.Prepend(kind.DefaultExport!)) + ".");
    }
}
