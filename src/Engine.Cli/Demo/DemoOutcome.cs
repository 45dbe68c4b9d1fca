using Engine.Transfers;

namespace Engine.Cli.Demo;

/// <summary>How one demo file fared: the engine's final status, what the server saw, and whether it crossed the restart.</summary>
/// <param name="File">The generated file.</param>
/// <param name="Final">Its transfer's final status, from the journal.</param>
/// <param name="Server">What the server saw of it.</param>
/// <param name="Resume">Where it continued after the restart; null if it had finished before the first engine was killed.</param>
/// <param name="Retries">Retries by the engine that finished it after the restart (the killed engine's are lost with it).</param>
/// <param name="Download">The final status of downloading it back, when it was uploaded.</param>
/// <param name="DownloadedSha256">The SHA-256 of the downloaded file on disk, when it exists.</param>
internal sealed record DemoOutcome(
    DemoFile File, TransferStatus Final, DemoUploadRecord Server, DemoResume? Resume, int Retries, TransferStatus? Download, string? DownloadedSha256)
{
    /// <summary>The checks this file failed, each a sentence naming the file; empty when all passed.</summary>
    public IEnumerable<string> Failures(bool wasInterrupted)
    {
        if (Final.Phase != TransferPhase.Completed)
        {
            yield return $"{File.Name}: the upload ended {Final.Phase.ToString().ToLowerInvariant()}: {Final.LastError ?? "no reason recorded"}.";
        }

        if (Server.StoredSha256 != File.Sha256)
        {
            yield return Server.StoredSha256 is null
                ? $"{File.Name}: the server holds no completed upload of it."
                : $"{File.Name}: the server stored bytes with SHA-256 {Server.StoredSha256}, the file has {File.Sha256}.";
        }

        if (Server.SessionsOpened != 1)
        {
            yield return $"{File.Name}: {Server.SessionsOpened} upload sessions were opened; exactly one means no duplicate video.";
        }

        if (wasInterrupted && Resume is null)
        {
            yield return $"{File.Name}: it was unfinished when the engine stopped, but the new engine never asked the server where to resume.";
        }

        if (Resume is { } resume && !resume.AtServerOffset(File.Size))
        {
            yield return $"{File.Name}: after the restart the server had {resume.Reported} bytes, but sending resumed at byte {resume.ResentFrom}.";
        }
        else if (Resume is { HeldResent: > 0 } resent)
        {
            yield return $"{File.Name}: after the restart {resent.HeldResent} bytes the server held already were sent again.";
        }

        if (Final.Phase == TransferPhase.Completed && Download?.Phase != TransferPhase.Completed)
        {
            yield return $"{File.Name}: downloading it back did not complete: {Download?.LastError ?? "it was never started"}.";
        }
        else if (Download is not null && DownloadedSha256 != File.Sha256)
        {
            yield return $"{File.Name}: the downloaded copy has SHA-256 {DownloadedSha256 ?? "(no file)"}, the original {File.Sha256}.";
        }
    }
}
