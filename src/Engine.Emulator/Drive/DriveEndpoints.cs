using Engine.Emulator.Faults;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Engine.Emulator.Drive;

/// <summary>The Drive routes: <c>files.download</c>, <c>operations.get</c>, content URIs, <c>files.get</c> and revisions.</summary>
internal static class DriveEndpoints
{
    private const string ContentPath = "/download/drive/v3/content/";
    private const string ExportPath = "/download/drive/v3/export/";

    public static void Map(IEndpointRouteBuilder routes, DriveFileRegistry files, OperationStore operations, FaultGate gate)
    {
        var content = new ContentHandler(operations, gate);
        var metadata = new FileMetadataHandler(files, gate);
        routes.MapPost("/drive/v3/files/{fileId}/download", new DownloadHandler(files, operations, gate).HandleAsync);
        routes.MapGet("/drive/v3/operations/{name}", new PollHandler(operations, gate).HandleAsync);
        routes.MapGet(ContentPath + "{name}", content.HandleContentAsync);
        routes.MapGet(ExportPath + "{name}", content.HandleExportAsync);
        routes.MapGet("/drive/v3/files/{fileId}", metadata.GetFileAsync);
        routes.MapGet("/drive/v3/files/{fileId}/revisions", metadata.ListRevisionsAsync);
        routes.MapGet("/drive/v3/files/{fileId}/revisions/{revisionId}", metadata.GetRevisionAsync);
    }

    /// <summary>The <c>downloadUri</c> of <paramref name="operation"/>, on the host the client called.</summary>
    public static Uri ContentUri(HttpRequest request, DriveOperation operation) =>
        new($"{request.Scheme}://{request.Host}{ContentPath}{operation.Name}");

    /// <summary>Where a Docs or Sheets link redirects: a signed URL that needs no token.</summary>
    public static Uri ExportUri(HttpRequest request, DriveOperation operation) =>
        new($"{request.Scheme}://{request.Host}{ExportPath}{operation.Name}?sig={operation.ExportSignature}");
}
