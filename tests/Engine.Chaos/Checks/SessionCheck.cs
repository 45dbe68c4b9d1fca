using Engine.Chaos.Running;
using Engine.Emulator.Uploads;

namespace Engine.Chaos.Checks;

/// <summary>
/// No upload opened a second session unless the one before had expired (404 from an expiry fault). The one other
/// admissible case is named apart: a session the server opened for a process killed before it could record it (no
/// request ever reached it, and the next session came from a later process).
/// </summary>
public static class SessionCheck
{
    /// <summary>Session figures for the report.</summary>
    public sealed record Sessions(int Opened, int ReplacedAfterExpiry, int OrphanedByKill, int MostForOneUpload);

    /// <summary>Runs the check; <paramref name="sessions"/> gets the figures.</summary>
    public static CheckResult Run(ChaosRun run, EmulatorView view, out Sessions sessions)
    {
        var result = new CheckResult("sessions", "no upload opened a second session unless the first had expired (or was orphaned by a kill before the engine could record it)");
        int afterExpiry = 0, orphaned = 0, most = 0;
        foreach (var upload in run.Workload.Uploads)
        {
            var opened = view.SessionsOf(upload);
            most = Math.Max(most, opened.Count);
            for (var i = 0; i + 1 < opened.Count; i++)
            {
                var (earlier, next) = (opened[i], opened[i + 1]);
                if (earlier.State == UploadSessionState.Expired)
                {
                    afterExpiry++;
                }
                else if (view.RequestsTo(earlier.UploadId).Count == 0
                         && run.WasKilled(run.ProcessAt(earlier.OpenedAt)) && run.ProcessAt(next.OpenedAt) > run.ProcessAt(earlier.OpenedAt))
                {
                    orphaned++;
                }
                else
                {
                    result.Fail($"{upload.Name} opened session {i + 2} at {next.OpenedAt:HH:mm:ss.fff} while session {i + 1} ({earlier.State}, " +
                                $"{earlier.StoredLength} of {earlier.DeclaredLength} bytes stored, {view.RequestsTo(earlier.UploadId).Count} requests) had not expired.");
                }
            }

            if (opened.Count(s => s.State == UploadSessionState.Completed) > 1)
            {
                result.Fail($"{upload.Name} completed {opened.Count(s => s.State == UploadSessionState.Completed)} sessions: a duplicate video.");
            }
        }

        result.Coverage = $"{view.Sessions.Count} sessions of {run.Workload.Uploads.Count} uploads";
        sessions = new Sessions(view.Sessions.Count, afterExpiry, orphaned, most);
        return result;
    }
}
