using Engine.Protocol.Download;
using Engine.Protocol.Headers;

namespace Engine.Protocol.Tests.Download;

public sealed class SegmentPlannerTests
{
    private const long MiB = 1024 * 1024;

    [Fact]
    public void A_fresh_file_is_split_into_the_configured_number_of_segments() =>
        Assert.Equal([new(0, 25 * MiB), new(25 * MiB, 25 * MiB), new(50 * MiB, 25 * MiB), new(75 * MiB, 25 * MiB)],
            SegmentPlanner.Missing(100 * MiB, 4, 64 * MiB, []));

    [Fact]
    public void No_segment_exceeds_the_segment_size()
    {
        var plan = SegmentPlanner.Missing(1000 * MiB, 4, 64 * MiB, []);
        Assert.All(plan, r => Assert.True(r.Length <= 64 * MiB));
        Assert.Equal(1000 * MiB, plan.Sum(r => r.Length));
        Assert.Equal(16, plan.Count);
    }

    [Fact]
    public void Small_files_are_not_cut_into_tiny_pieces()
    {
        Assert.Equal([new ByteRange(0, 1000)], SegmentPlanner.Missing(1000, 4, 64 * MiB, []));
        Assert.Empty(SegmentPlanner.Missing(0, 4, 64 * MiB, []));
    }

    [Fact]
    public void Only_the_missing_ranges_are_planned()
    {
        var written = new[] { new ByteRange(30 * MiB, 10 * MiB), new ByteRange(0, 5 * MiB) };   // any order
        var plan = SegmentPlanner.Missing(50 * MiB, 2, 64 * MiB, written);
        Assert.Equal([new(5 * MiB, 25 * MiB), new(40 * MiB, 10 * MiB)], plan);
    }

    [Fact]
    public void A_complete_file_needs_nothing() =>
        Assert.Empty(SegmentPlanner.Missing(10 * MiB, 4, MiB, [new ByteRange(0, 4 * MiB), new ByteRange(4 * MiB, 6 * MiB)]));

    [Theory]
    [InlineData(0, 10, 5, 10)]     // overlap
    [InlineData(0, 10, 95, 10)]    // beyond the end
    [InlineData(0, 0, 20, 5)]      // empty
    public void Inconsistent_written_ranges_are_a_clear_error(long a, long aLength, long b, long bLength) =>
        Assert.Contains("journal is corrupt", Assert.Throws<ArgumentException>(() =>
            SegmentPlanner.Missing(100, 1, 10, [new ByteRange(a, aLength), new ByteRange(b, bLength)])).Message);
}
