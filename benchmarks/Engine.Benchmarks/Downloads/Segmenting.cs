using Engine.Benchmarks.Support;

namespace Engine.Benchmarks.Downloads;

/// <summary>How a download is split: <paramref name="Segments"/> parallel ranged requests of at most <paramref name="SegmentSize"/> bytes.</summary>
public sealed record Segmenting(int Segments, long SegmentSize)
{
    public override string ToString() => $"{Segments}x{Sizes.Format(SegmentSize)}";
}
