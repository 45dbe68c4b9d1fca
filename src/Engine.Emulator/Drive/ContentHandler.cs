using System.Security.Cryptography;
using System.Text;
using Engine.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary>
/// The <c>downloadUri</c> of a finished operation. It needs the creating token and the resource key; blob
/// content is served with byte ranges. A Docs or Sheets link answers first with a redirect to a signed export
/// URL (which needs no token, like Google's), whose content is served whole.
/// </summary>
internal sealed class ContentHandler(OperationStore operations, FaultGate gate)
{
    public async Task HandleContentAsync(HttpContext context)
    {
        FaultGate.Classify(context, FaultTarget.Content);
        if (await DriveAccess.OwnerAsync(context).ConfigureAwait(false) is not { } owner
            || await DriveAccess.RouteIdAsync(context, "name").ConfigureAwait(false) is not { } name)
        {
            return;
        }

        if (operations.Find(name, owner) is not { Done: true, FailCode: null } operation || !DriveAccess.MaySee(context.Request, operation.File))
        {
            await DriveAccess.OperationNotFoundAsync(context, name).ConfigureAwait(false);
            return;
        }

        if (WorkspaceKind.Of(operation.File.Kind).RedirectsFirst)
        {
            context.Response.StatusCode = StatusCodes.Status302Found;
            context.Response.Headers.Location = DriveEndpoints.ExportUri(context.Request, operation).ToString();
            return;
        }

        await ServeAsync(context, operation).ConfigureAwait(false);
    }

    public async Task HandleExportAsync(HttpContext context)
    {
        FaultGate.Classify(context, FaultTarget.Content);
        if (await DriveAccess.RouteIdAsync(context, "name").ConfigureAwait(false) is not { } name)
        {
            return;
        }

        var signature = context.Request.Query["sig"].ToString();
        if (operations.FindExport(name) is not { } operation
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(operation.ExportSignature)))
        {
            await DriveAccess.OperationNotFoundAsync(context, name).ConfigureAwait(false);
            return;
        }

        await ServeAsync(context, operation).ConfigureAwait(false);
    }

    private async Task ServeAsync(HttpContext context, DriveOperation operation)
    {
        var decision = await gate.EnterAsync(context, FaultTarget.Content).ConfigureAwait(false);
        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return;
        }

        await ContentResponder.ServeAsync(
            context, operation.Revision.Content, operation.ContentType, operation.PartialDownloadAllowed, decision, gate.Time,
            operation.TrackServed()).ConfigureAwait(false);
    }
}
