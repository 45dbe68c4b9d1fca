using System.Text.Json;
using Engine.Chaos.Running;
using Engine.Chaos.Workload;
using Engine.Emulator.Uploads;
using Engine.Transfers;

namespace Engine.Chaos.Checks;

/// <summary>
/// Every job of the list is in the journal exactly once and ended completed byte-exact (an upload: the bytes the
/// emulator stored, hashed from its file, equal the source; a download: the destination equals the emulator's file), or
/// failed for a documented permanent reason that the emulator's log shows really happened to that transfer.
/// </summary>
public static class OutcomeCheck
{
    /// <summary>Outcome counts by kind and reason, for the report.</summary>
    public sealed record Outcomes(int UploadsCompleted, int DownloadsCompleted, IReadOnlyDictionary<string, int> FailedByReason, int Other);

    /// <summary>Runs the check; <paramref name="outcomes"/> gets the counts.</summary>
    public static CheckResult Run(ChaosRun run, EmulatorView view, out Outcomes outcomes)
    {
        var result = new CheckResult("outcomes",
            "every transfer completed byte-exact, or failed for a documented permanent reason that the emulator's log shows happened to it");
        var recorded = run.Journal.ToLookup(s => (s.Kind, s.Kind == TransferKind.Upload ? s.Source : s.Destination));
        int uploads = 0, downloads = 0, other = 0;
        var failed = new Dictionary<string, int>(StringComparer.Ordinal);

        foreach (var upload in run.Workload.Uploads)
        {
            var status = Single(result, recorded[(TransferKind.Upload, upload.Path)].ToList(), upload.Name);
            switch (status?.Phase)
            {
                case null: break;
                case TransferPhase.Completed:
                    uploads += CheckUpload(result, view, upload, status) ? 1 : 0;
                    break;
                case TransferPhase.Failed:
                    CountFailure(result, failed, status, Evidence(view, upload, status));
                    break;
                default:
                    other++;
                    result.Fail($"{upload.Name} ({status.Id}) was left {status.Phase}: {status.LastError}");
                    break;
            }
        }

        foreach (var download in run.Workload.Downloads)
        {
            var status = Single(result, recorded[(TransferKind.Download, download.Destination)].ToList(), download.FileId);
            switch (status?.Phase)
            {
                case null: break;
                case TransferPhase.Completed:
                    downloads += CheckDownload(result, download, status) ? 1 : 0;
                    break;
                case TransferPhase.Failed:
                    CountFailure(result, failed, status, Evidence(view, download, status));
                    if (File.Exists(download.Destination))
                    {
                        result.Fail($"{download.FileId} ({status.Id}) failed, yet its destination exists.");
                    }

                    break;
                default:
                    other++;
                    result.Fail($"{download.FileId} ({status.Id}) was left {status.Phase}: {status.LastError}");
                    break;
            }
        }

        result.Coverage = $"{run.Workload.Uploads.Count} uploads and {run.Workload.Downloads.Count} downloads";
        outcomes = new Outcomes(uploads, downloads, failed, other);
        return result;
    }

    private static TransferStatus? Single(CheckResult result, IReadOnlyList<TransferStatus> statuses, string job)
    {
        if (statuses.Count != 1)
        {
            result.Fail($"{job} is in the journal {statuses.Count} times ({string.Join(", ", statuses.Select(s => s.Id))}); each job must be recorded once.");
        }

        return statuses.Count == 0 ? null : statuses[0];
    }

    private static bool CheckUpload(CheckResult result, EmulatorView view, UploadItem upload, TransferStatus status)
    {
        var videoId = status.ResourceJson is { } json && JsonDocument.Parse(json).RootElement.TryGetProperty("id", out var id) ? id.GetString() : null;
        var videos = view.CompletedUploads.Where(u => u.Title == upload.Name).ToList();
        if (videos.Count != 1)
        {
            result.Fail($"{upload.Name} ({status.Id}) completed as {videos.Count} videos on the server; exactly one was expected.");
            return false;
        }

        var stored = videos[0];
        if (stored.VideoId != videoId)
        {
            result.Fail($"{upload.Name} ({status.Id}) reports video {videoId}, but the server completed {stored.VideoId}.");
            return false;
        }

        var storedSha = ChaosWorkload.Sha256Of(stored.StoredPath);
        if (stored.Size != upload.Size || storedSha != upload.Sha256 || stored.Sha256 != upload.Sha256)
        {
            result.Fail($"{upload.Name} ({status.Id}) is stored wrong: {stored.Size} of {upload.Size} bytes, SHA-256 {storedSha[..12]}… instead of {upload.Sha256[..12]}….");
            return false;
        }

        return true;
    }

    private static bool CheckDownload(CheckResult result, DownloadItem download, TransferStatus status)
    {
        if (!File.Exists(download.Destination))
        {
            result.Fail($"{download.FileId} ({status.Id}) completed, but '{download.Destination}' does not exist.");
            return false;
        }

        var sha = ChaosWorkload.Sha256Of(download.Destination);
        if (sha != download.Sha256 || status.Sha256 != download.Sha256)
        {
            result.Fail($"{download.FileId} ({status.Id}) arrived wrong: SHA-256 {sha[..12]}… (journal: {status.Sha256?[..12]}…) instead of {download.Sha256[..12]}….");
            return false;
        }

        return true;
    }

    private static void CountFailure(CheckResult result, Dictionary<string, int> failed, TransferStatus status, string? problem)
    {
        var reason = DocumentedFailure.Recognise(status.Kind, status.LastError);
        if (reason is null)
        {
            result.Fail($"{status.Kind} {status.Source} ({status.Id}) failed for a reason the documentation does not list as permanent: {status.LastError}");
            return;
        }

        if (problem is not null)
        {
            result.Fail($"{status.Kind} {status.Source} ({status.Id}) failed with '{reason.Reason}', but {problem}. Its error: {status.LastError}");
            return;
        }

        var key = $"{status.Kind.ToString().ToLowerInvariant()}: {reason.Reason}";
        failed[key] = failed.GetValueOrDefault(key) + 1;
    }

    /// <summary>Null when the emulator's log shows the failure's cause for this upload; otherwise what is missing.</summary>
    private static string? Evidence(EmulatorView view, UploadItem upload, TransferStatus status)
    {
        var reason = DocumentedFailure.Recognise(TransferKind.Upload, status.LastError);
        var requests = view.RequestsOf(upload).ToList();
        return reason switch
        {
            { HttpStatus: { } code } => requests.Any(r => r.Status == code) ? null : $"the emulator never answered it {code}",
            { Reason: var r } when r.StartsWith("session expired", StringComparison.Ordinal) =>
                view.SessionsOf(upload).Count(s => s.State == UploadSessionState.Expired) > EngineCommands.MaxSessionRestarts
                    ? null
                    : $"only {view.SessionsOf(upload).Count(s => s.State == UploadSessionState.Expired)} of its sessions expired",
            _ => FailedAttempts(requests) >= EngineCommands.MaxAttempts ? null : $"only {FailedAttempts(requests)} of its requests failed",
        };
    }

    /// <summary>Null when the emulator's log shows the failure's cause for this download; otherwise what is missing.</summary>
    private static string? Evidence(EmulatorView view, DownloadItem download, TransferStatus status)
    {
        var reason = DocumentedFailure.Recognise(TransferKind.Download, status.LastError);
        var requests = view.RequestsOf(download).ToList();
        return reason switch
        {
            { CanonicalCode: { } code } =>
                view.OperationsOf(download).Any(o => o.ErrorCode == code) || requests.Any(r => CanonicalCodeOfStatus(r.Status) == code)
                    ? null
                    : $"no operation or call of it failed with code {code}",
            _ => FailedAttempts(requests) >= EngineCommands.MaxAttempts ? null : $"only {FailedAttempts(requests)} of its requests failed",
        };
    }

    private static int FailedAttempts(IEnumerable<Emulator.Inspection.RequestLogEntry> requests) =>
        requests.Count(r => r.Aborted || r.Status >= 400);

    // The standard HTTP → canonical mapping Google documents, for the statuses the fault mix injects on Drive calls.
    private static int? CanonicalCodeOfStatus(int status) => status switch
    {
        400 => 3,
        401 => 16,
        403 => 7,
        404 => 5,
        501 => 12,
        _ => null,
    };
}
