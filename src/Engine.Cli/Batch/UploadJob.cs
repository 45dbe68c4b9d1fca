using Engine.Transfers;
using Engine.Transfers.Uploads;

namespace Engine.Cli.Batch;

/// <summary>A job list's <c>{"upload": PATH, …}</c> line.</summary>
internal sealed record UploadJob(string Origin, UploadRequest Request) : BatchJob(Origin)
{
    /// <inheritdoc />
    public override TransferKind Kind => TransferKind.Upload;

    /// <inheritdoc />
    public override string LocalPath => Request.FilePath;

    /// <inheritdoc />
    public override string Label => Path.GetFileName(Request.FilePath);

    /// <inheritdoc />
    public override string? Problem() =>
        File.Exists(Request.FilePath) ? null : $"{Origin}: '{Request.FilePath}' does not exist; check the path. Nothing was submitted.";

    /// <inheritdoc />
    public override Task<string> SubmitAsync(TransferEngine engine, CancellationToken cancellation) =>
        engine.StartUploadAsync(Request, cancellation);
}
