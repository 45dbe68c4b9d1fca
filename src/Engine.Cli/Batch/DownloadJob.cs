using Engine.Transfers;
using Engine.Transfers.Downloads;

namespace Engine.Cli.Batch;

/// <summary>A job list's <c>{"download": FILE_ID, "out": PATH, …}</c> line.</summary>
internal sealed record DownloadJob(string Origin, DownloadRequest Request) : BatchJob(Origin)
{
    /// <inheritdoc />
    public override TransferKind Kind => TransferKind.Download;

    /// <inheritdoc />
    public override string LocalPath => Request.DestinationPath;

    /// <inheritdoc />
    public override string Label => Request.FileId;

    /// <inheritdoc />
    public override string? Problem()
    {
        var destination = Request.DestinationPath;
        if (File.Exists(destination) || Directory.Exists(destination))
        {
            return $"{Origin}: '{destination}' already exists and is not in the journal; remove it or choose another \"out\". Nothing was submitted.";
        }

        return Directory.Exists(Path.GetDirectoryName(destination))
            ? null
            : $"{Origin}: the folder of '{destination}' does not exist; create it first. Nothing was submitted.";
    }

    /// <inheritdoc />
    public override Task<string> SubmitAsync(TransferEngine engine, CancellationToken cancellation) =>
        engine.StartDownloadAsync(Request, cancellation);
}
