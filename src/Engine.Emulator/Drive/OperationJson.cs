using System.Text.Json.Nodes;

namespace Engine.Emulator.Drive;

/// <summary>Renders a <c>google.longrunning.Operation</c> for a download (spec §2).</summary>
internal static class OperationJson
{
    public const string MetadataType = "type.googleapis.com/google.apps.drive.v3.DownloadFileMetadata";
    public const string ResponseType = "type.googleapis.com/google.apps.drive.v3.DownloadFileResponse";

    /// <summary>The operation; <paramref name="done"/> null leaves <c>done</c> out (as <c>download()</c> answers).</summary>
    public static string Render(DriveOperation operation, bool? done, Uri downloadUri)
    {
        var metadata = new JsonObject { ["@type"] = MetadataType };
        if (operation.File.ResourceKey is { } key)
        {
            metadata["resourceKey"] = key;
        }

        var json = new JsonObject { ["name"] = operation.Name };
        if (done is { } isDone)
        {
            json["done"] = isDone;
        }

        json["metadata"] = metadata;
        if (done is true && operation.FailCode is { } code)
        {
            json["error"] = new JsonObject
            {
                ["code"] = code,
                ["message"] = $"{CanonicalCodes.NameOf(code)}: injected failure of the download of file {operation.File.Id}.",
            };
        }
        else if (done is true)
        {
            json["response"] = new JsonObject
            {
                ["@type"] = ResponseType,
                ["downloadUri"] = downloadUri.ToString(),
                ["partialDownloadAllowed"] = operation.PartialDownloadAllowed,
            };
        }

        return json.ToJsonString();
    }
}
