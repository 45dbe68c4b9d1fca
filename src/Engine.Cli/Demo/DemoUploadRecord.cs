using System.Globalization;
using Engine.Emulator.Inspection;

namespace Engine.Cli.Demo;

/// <summary>What the server saw of one demo upload: sessions opened, the stored bytes' SHA-256 and size once complete, and its data PUTs.</summary>
internal sealed record DemoUploadRecord(int SessionsOpened, string? StoredSha256, long? StoredSize, IReadOnlyList<RequestLogEntry> DataRequests)
{
    /// <summary>Body bytes the server received for this upload, over every attempt.</summary>
    public long WireBytes => DataRequests.Sum(r => r.BodyBytesReceived);

    /// <summary>The first byte of the first data request that started at or after <paramref name="time"/>, or null if none did.</summary>
    public long? FirstOffsetSince(DateTimeOffset time) =>
        DataRequests.Where(r => r.Time >= time).OrderBy(r => r.Time).Select(StartOf).FirstOrDefault(start => start is not null);

    // A data request without Content-Range sends the whole file from byte 0; with it, "bytes FIRST-LAST/TOTAL".
    private static long? StartOf(RequestLogEntry request) =>
        !request.Headers.TryGetValue("Content-Range", out var range) ? 0
        : range.StartsWith("bytes ", StringComparison.Ordinal)
        && range.IndexOf('-', StringComparison.Ordinal) is > 6 and var dash
        && long.TryParse(range.AsSpan(6, dash - 6), NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            ? first
            : null;
}
