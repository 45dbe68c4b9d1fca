using Engine.Protocol.Upload;

namespace Engine.Protocol.Tests.Upload;

public sealed class UploadChunkingTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(262_144)]
    [InlineData(524_288)]
    [InlineData(100 * 262_144)]
    public void Accepts_zero_and_multiples_of_256_KiB(long chunkSize) => UploadChunking.Validate(chunkSize);

    [Theory]
    [InlineData(1, "262144")]
    [InlineData(524_888, "524288")]     // the guide's typo
    [InlineData(-262_144, "262144")]
    [InlineData(262_145, "262144")]
    public void Rejects_other_sizes_with_a_suggestion(long chunkSize, string suggestion)
    {
        var error = Assert.Throws<ArgumentException>(() => UploadChunking.Validate(chunkSize));
        Assert.Contains("engine.upload.chunk-size", error.Message);
        Assert.Contains(suggestion, error.Message);
    }

    [Theory]
    [InlineData(0, 1000, 0, 1000)]            // one request: the rest of the file
    [InlineData(300, 1000, 0, 700)]
    [InlineData(0, 600_000, 262_144, 262_144)]
    [InlineData(524_288, 600_000, 262_144, 75_712)]   // last chunk is shorter
    [InlineData(100_000, 600_000, 262_144, 262_144)]  // after a partial store: next chunk starts mid-chunk
    [InlineData(1000, 1000, 262_144, 0)]
    public void Next_length(long offset, long total, long chunkSize, long expected) =>
        Assert.Equal(expected, UploadChunking.NextLength(offset, total, chunkSize));

    [Fact]
    public void Options_validation_names_the_setting()
    {
        var error = Assert.Throws<ArgumentException>(() => new UploadOptions { ChunkSize = 1000 }.Validate());
        Assert.Contains("engine.upload.chunk-size", error.Message);
        Assert.Contains("engine.upload.buffer-size",
            Assert.Throws<ArgumentException>(() => new UploadOptions { BufferSize = 1 }.Validate()).Message);
    }
}
