using System.Text.Json;
using Engine.Transfers;

namespace Engine.Cli.Output;

/// <summary>
/// The stdout contract: one JSON line per finished transfer, written whole and flushed at once so a reader of the pipe
/// sees complete lines even while other transfers run. Uploads: <c>{"file","transferId","resource"}</c>; downloads:
/// <c>{"fileId","transferId","path","sha256","size"}</c>.
/// </summary>
internal sealed class ResultLines(TextWriter output)
{
    private readonly Lock writing = new();

    /// <summary>Writes the line of a completed transfer.</summary>
    public void Completed(TransferStatus status)
    {
        var line = status.Kind switch
        {
            TransferKind.Upload => UploadLine(status),
            TransferKind.Download => DownloadLine(status),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status.Kind, $"No result line is defined for {status.Kind} transfers."),
        };
        lock (writing)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    private static string UploadLine(TransferStatus status) => CliJson.ObjectLine(json =>
    {
        json.WriteString("file", status.Source);
        json.WriteString("transferId", status.Id);
        json.WritePropertyName("resource");
        if (status.ResourceJson is { } resource)
        {
            json.WriteRawValue(resource);
        }
        else
        {
            json.WriteNullValue();
        }
    });

    private static string DownloadLine(TransferStatus status) => CliJson.ObjectLine(json =>
    {
        json.WriteString("fileId", status.Source);
        json.WriteString("transferId", status.Id);
        json.WriteString("path", status.Destination);
        json.WriteString("sha256", status.Sha256);
        if (status.BytesTotal is { } size)
        {
            json.WriteNumber("size", size);
        }
        else
        {
            json.WriteNull("size");
        }
    });
}
