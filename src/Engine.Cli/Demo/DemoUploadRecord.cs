using System.Globalization;
using Engine.Emulator.Inspection;

namespace Engine.Cli.Demo;

/// <summary>
/// What the server saw of one demo upload: sessions opened, the stored bytes' SHA-256 once complete, and its requests
/// (data PUTs and status queries), from the emulator's request log.
/// </summary>
internal sealed record DemoUploadRecord(int SessionsOpened, string? StoredSha256, IReadOnlyList<RequestLogEntry> Requests)
{
    /// <summary>Body bytes the server received for this upload, over every attempt (dropped ones included).</summary>
    public long WireBytes => Requests.Where(r => r.Target == "put").Sum(r => r.BodyBytesReceived);

    /// <summary>
    /// Where the upload continued after <paramref name="restart"/>: the stored length the server reported to the first
    /// status query (all <paramref name="size"/> bytes when it answered complete), the first byte of the first data
    /// request after it (null when none was needed), the body bytes of all data requests after it, and how many of
    /// those the server held already; null when no status query followed the restart.
    /// </summary>
    public DemoResume? ResumeAfter(DateTimeOffset restart, long size)
    {
        var later = Requests.Where(r => r.Time >= restart).OrderBy(r => r.Time).ToList();
        var query = later.FindIndex(r => r.Target == "query");
        if (query < 0)
        {
            return null;
        }

        var answer = later[query];
        var reported = answer.Status is 200 or 201 ? size
            : answer.ResponseHeaders.TryGetValue("Range", out var range) ? LastByte(range) + 1
            : 0;
        var data = later.Skip(query + 1).Where(r => r.Target == "put").Select(r => (First: FirstByte(r), Bytes: r.BodyBytesReceived)).ToList();
        // What of each request's body lies below the server's offset: bytes it held already, sent again.
        var heldResent = data.Sum(d => Math.Max(0, Math.Min(d.First + d.Bytes, reported) - d.First));
        return new DemoResume(reported, data.Count == 0 ? null : data[0].First, data.Sum(d => d.Bytes), heldResent);
    }

    // Range of a 308: "bytes=0-LAST".
    private static long LastByte(string range) =>
        long.Parse(range.AsSpan(range.IndexOf('-', StringComparison.Ordinal) + 1), NumberStyles.None, CultureInfo.InvariantCulture);

    // A data request without Content-Range sends the whole file from byte 0; with it, "bytes FIRST-LAST/TOTAL".
    private static long FirstByte(RequestLogEntry request) =>
        request.Headers.TryGetValue("Content-Range", out var range)
            ? long.Parse(range.AsSpan(6, range.IndexOf('-', StringComparison.Ordinal) - 6), NumberStyles.None, CultureInfo.InvariantCulture)
            : 0;
}

/// <summary>
/// How an upload continued after the restart: the bytes the server said it stored, where sending resumed, the bytes
/// sent, and the bytes sent again that the server held already (zero when the engine resumes where it should).
/// </summary>
internal sealed record DemoResume(long Reported, long? ResentFrom, long SentAfter, long HeldResent)
{
    /// <summary>True when sending resumed exactly at the server's offset (or nothing was left to send).</summary>
    public bool AtServerOffset(long size) => ResentFrom == Reported || (ResentFrom is null && Reported == size);
}
