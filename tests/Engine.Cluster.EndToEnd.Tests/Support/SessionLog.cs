using System.Text.RegularExpressions;
using Engine.Emulator.Inspection;

namespace Engine.Cluster.EndToEnd.Tests.Support;

/// <summary>
/// The emulator's request log per upload session: which node sent each request (its User-Agent names the node) and
/// when the emulator served it. The judge of "never driven by two nodes at once".
/// </summary>
public sealed partial class SessionLog
{
    private SessionLog(IReadOnlyDictionary<string, IReadOnlyList<SessionRequest>> sessions) => Sessions = sessions;

    /// <summary>Per session id, its requests in arrival order.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SessionRequest>> Sessions { get; }

    /// <summary>The log of every request to an upload session so far (opening requests name no session and are left out).</summary>
    public static SessionLog Of(IEnumerable<RequestLogEntry> requests) => new(requests
        .Select(r => (Session: SessionId().Match(r.Path), Request: r))
        .Where(r => r.Session.Success)
        .GroupBy(r => r.Session.Groups[1].Value, r => new SessionRequest(NodeOf(r.Request), r.Request.Time, r.Request.Ended ?? DateTimeOffset.MaxValue))
        .ToDictionary(g => g.Key, g => (IReadOnlyList<SessionRequest>)g.OrderBy(r => r.Start).ToList()));

    /// <summary>Every pair of requests of one session from two nodes whose service times overlap, described.</summary>
    public IReadOnlyList<string> Overlaps() =>
        (from session in Sessions
         from a in session.Value
         from b in session.Value
         where string.CompareOrdinal(a.Node, b.Node) < 0 && a.Start < b.End && b.Start < a.End
         select $"session {session.Key}: {a} overlaps {b}").ToList();

    /// <summary>The sessions <paramref name="node"/> sent requests to.</summary>
    public IReadOnlyList<string> DrivenBy(string node) => Sessions.Where(s => s.Value.Any(r => r.Node == node)).Select(s => s.Key).ToList();

    /// <summary>The nodes that sent requests to <paramref name="session"/>, in the order they first did.</summary>
    public IReadOnlyList<string> DriversOf(string session) => Sessions[session].Select(r => r.Node).Distinct().ToList();

    private static string NodeOf(RequestLogEntry request) =>
        request.Headers.TryGetValue("User-Agent", out var agent) && NodeName().Match(agent) is { Success: true } node ? node.Groups[1].Value : "(unknown)";

    [GeneratedRegex("[?&]upload_id=([^&]+)")]
    private static partial Regex SessionId();

    [GeneratedRegex(@"\(node ([^)]+)\)")]
    private static partial Regex NodeName();
}

/// <summary>One request to a session: the node that sent it, when it arrived and when the emulator was done with it.</summary>
public sealed record SessionRequest(string Node, DateTimeOffset Start, DateTimeOffset End)
{
    public override string ToString() => $"{Node} {Start:HH:mm:ss.fff}–{End:HH:mm:ss.fff}";
}
