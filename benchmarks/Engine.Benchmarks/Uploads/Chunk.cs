using Engine.Benchmarks.Support;

namespace Engine.Benchmarks.Uploads;

/// <summary>A chunk size as a benchmark argument: 0 is the whole file in one request, shown as <c>single</c>.</summary>
public sealed record Chunk(long Bytes)
{
    public override string ToString() => Bytes == 0 ? "single" : Sizes.Format(Bytes);
}
