using Engine.Chaos.Running;
using Engine.Emulator.Uploads;

namespace Engine.Chaos.Checks;

/// <summary>
/// Bytes re-sent after kills stay within what the server lacked (the crash tests' check, after every kill): the first
/// PUT to every session left unfinished by a kill starts at exactly the byte the server held once the dead process's
/// requests had ended, and no PUT anywhere overlaps or skips the stored bytes (the emulator answers those 400).
/// Every byte the server received more than once was therefore discarded by a fault (a 5xx whose body is drained, a
/// partial store) or lost with an expired session, which the figures break down.
/// </summary>
public static class ResendCheck
{
    /// <summary>
    /// Upload byte figures for the report: the server received <see cref="Received"/> bytes, of which
    /// <see cref="StoredInLastSessions"/> stayed in each upload's last session; the rest were re-sent, being discarded by
    /// faults or stored in sessions abandoned after they expired (or were orphaned by a kill).
    /// </summary>
    public sealed record UploadBytes(
        long Source, long Received, long StoredInLastSessions, long DiscardedByFaults, long StoredInAbandonedSessions, long ResentAfterKills, int SessionsResumed);

    /// <summary>Runs the check; <paramref name="bytes"/> gets the figures.</summary>
    public static CheckResult Run(ChaosRun run, EmulatorView view, out UploadBytes bytes)
    {
        var result = new CheckResult("re-sent bytes",
            "after every kill each unfinished session resumed at exactly the byte the server held; no PUT overlapped the stored bytes");
        foreach (var refused in view.Requests.Where(r => r.Target is "put" or "query" && r.Status == 400))
        {
            result.Fail($"{refused.Method} {refused.Path} at {refused.Time:HH:mm:ss.fff} was refused with 400 " +
                        $"(Content-Range {refused.Headers.GetValueOrDefault("Content-Range")}): a request overlapping, skipping or misdescribing the stored bytes.");
        }

        var resumed = 0;
        long resentAfterKills = 0;
        foreach (var kill in run.Kills)
        {
            foreach (var (session, stored) in kill.StoredByOpenSession)
            {
                // The first PUT after the kill, if the next process sent one (else a later kill's check covers the session).
                var next = view.RequestsTo(session).FirstOrDefault(r => r.Target == "put" && r.Time > kill.SettledAt);
                if (next is null || run.ProcessAt(next.Time) != kill.Number + 1)
                {
                    continue;
                }

                resumed++;
                var first = EmulatorView.FirstByte(next);
                if (first != stored)
                {
                    resentAfterKills += Math.Max(0, stored - first);
                    result.Fail($"After kill {kill.Number}, session {session} held {stored} bytes, but its next PUT started at byte {first}.");
                }
            }
        }

        long ReceivedBy(UploadSessionInfo session) => view.RequestsTo(session.UploadId).Where(r => r.Target == "put").Sum(r => r.BodyBytesReceived);
        var received = view.Sessions.Sum(ReceivedBy);
        var discarded = view.Sessions.Sum(s => ReceivedBy(s) - s.StoredLength);
        var lastSessions = run.Workload.Uploads.Select(u => view.SessionsOf(u).LastOrDefault()).OfType<UploadSessionInfo>().ToList();
        var abandoned = view.Sessions.Sum(s => s.StoredLength) - lastSessions.Sum(s => s.StoredLength);
        result.Coverage = $"{resumed} resumptions of a session after {run.Kills.Count} kills, {view.Requests.Count(r => r.Target == "put")} PUTs";
        bytes = new UploadBytes(run.Workload.Uploads.Sum(u => u.Size), received, lastSessions.Sum(s => s.StoredLength), discarded, abandoned,
            resentAfterKills, resumed);
        return result;
    }
}
