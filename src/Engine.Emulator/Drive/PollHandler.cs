using Engine.Emulator.Faults;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary><c>operations.get</c>: GET <c>/drive/v3/operations/{name}</c>; records the poll and answers the operation's state.</summary>
internal sealed class PollHandler(OperationStore operations, FaultGate gate)
{
    public async Task HandleAsync(HttpContext context)
    {
        var decision = await gate.EnterAsync(context, FaultTarget.Poll).ConfigureAwait(false);
        if (await DriveAccess.OwnerAsync(context).ConfigureAwait(false) is not { } owner
            || await DriveAccess.RouteIdAsync(context, "name").ConfigureAwait(false) is not { } name)
        {
            return;
        }

        if (operations.Find(name, owner) is not { } operation || !DriveAccess.MaySee(context.Request, operation.File))
        {
            await DriveAccess.OperationNotFoundAsync(context, name).ConfigureAwait(false);
            return;
        }

        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return;
        }

        var done = operations.Poll(operation);
        context.Response.ContentType = "application/json; charset=UTF-8";
        await context.Response.WriteAsync(OperationJson.Render(operation, done, DriveEndpoints.ContentUri(context.Request, operation)))
            .ConfigureAwait(false);
    }
}
