using Engine.Protocol.Headers;

namespace Engine.Protocol.Download;

/// <summary>
/// Plans a ranged download: the byte ranges still missing, cut into segments small enough that <c>segments</c> of
/// them can run in parallel and none exceeds <c>segment-size</c>. Pure: the actor passes what its journal says is on
/// disk and fetches what comes back.
/// </summary>
public static class SegmentPlanner
{
    /// <summary>Segments are never cut smaller than this, so small files are not split into many tiny requests.</summary>
    public const long MinimumSegment = 1024 * 1024;

    /// <summary>
    /// The missing ranges of a <paramref name="size"/>-byte file given the <paramref name="written"/> ones (any order,
    /// non-overlapping, within the file; anything else is a corrupt journal and throws), in file order.
    /// </summary>
    public static IReadOnlyList<ByteRange> Missing(long size, int segments, long segmentSize, IEnumerable<ByteRange> written)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        ArgumentOutOfRangeException.ThrowIfLessThan(segments, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentSize, 1);
        ArgumentNullException.ThrowIfNull(written);
        var piece = Math.Min(segmentSize, Math.Max(MinimumSegment, (size + segments - 1) / segments));
        var missing = new List<ByteRange>();
        var cursor = 0L;
        foreach (var range in written.OrderBy(r => r.Offset))
        {
            if (range.Offset < cursor || range.Length <= 0 || range.End > size)
                throw new ArgumentException($"The written ranges are inconsistent at bytes {range} (file size {size}, covered up to {cursor}): they overlap, are empty, or lie beyond the file. The download's journal is corrupt; restart the download.", nameof(written));
            Cut(cursor, range.Offset, piece, missing);
            cursor = range.End;
        }
        Cut(cursor, size, piece, missing);
        return missing;
    }

    private static void Cut(long from, long to, long piece, List<ByteRange> into)
    {
        for (var offset = from; offset < to; offset += piece)
            into.Add(new ByteRange(offset, Math.Min(piece, to - offset)));
    }
}
