using Engine.Protocol.Headers;

namespace Engine.Transfers.Downloads;

/// <summary>Bytes [<paramref name="Start"/>, <paramref name="End"/>) of a download that are flushed to disk.</summary>
public sealed record WrittenRange(long Start, long End)
{
    /// <summary>As the wire layer's range.</summary>
    public ByteRange ToByteRange() => new(Start, End - Start);

    /// <summary>
    /// <paramref name="ranges"/> (in file order, merged) with <paramref name="added"/> merged in. An empty range is kept
    /// only as the record of an empty stream; an overlap means the journal is corrupt.
    /// </summary>
    public static IReadOnlyList<WrittenRange> Add(IReadOnlyList<WrittenRange> ranges, WrittenRange added)
    {
        if (added.Start < 0 || added.End < added.Start)
            throw new InvalidDataException($"Bytes written [{added.Start}, {added.End}) is not a byte range; the download's journal is corrupt. Cancel it and download the file again.");
        var result = new List<WrittenRange>(ranges.Count + 1);
        var current = added;
        foreach (var range in ranges)
        {
            if (range.End < current.Start || current.End < range.Start)
            {
                result.Add(range);
                continue;
            }
            if (range.Start < current.End && current.Start < range.End)
                throw new InvalidDataException($"Bytes written [{added.Start}, {added.End}) overlap [{range.Start}, {range.End}) already recorded; the download's journal is corrupt. Cancel it and download the file again.");
            current = new WrittenRange(Math.Min(range.Start, current.Start), Math.Max(range.End, current.End));
        }
        result.Add(current);
        result.Sort((a, b) => a.Start.CompareTo(b.Start));
        return result;
    }
}
