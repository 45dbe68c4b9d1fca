using Engine.Protocol.Http;
using Engine.Protocol.Tests.Support;

namespace Engine.Protocol.Tests.Http;

public sealed class FileRangeContentTests
{
    [Theory]
    [InlineData(0, 0, 16)]
    [InlineData(0, 10_000, 4096)]
    [InlineData(1, 9_999, 4096)]
    [InlineData(4095, 4097, 4096)]
    [InlineData(9_999, 1, 1)]
    [InlineData(5_000, 3_333, 1000)]
    public async Task Streams_exactly_the_range_through_a_bounded_buffer(long offset, long length, int bufferSize)
    {
        using var file = new TempFile(10_000);
        var progress = new TransferProgress();
        using var content = new FileRangeContent(file.Path, offset, length, bufferSize, progress);
        var sink = new RecordingStream();
        await content.CopyToAsync(sink);

        Assert.Equal(file.Slice(offset, length), sink.Written.ToArray());
        Assert.Equal(length, content.Headers.ContentLength);
        Assert.Equal(length, progress.Bytes);
        // ArrayPool may round the rented buffer up to a power of two, never beyond twice the requested size.
        Assert.True(sink.LargestWrite <= Math.Max(2 * bufferSize, 16), $"largest write {sink.LargestWrite}");
    }

    [Fact]
    public async Task Progress_is_readable_while_the_body_is_being_sent()
    {
        using var file = new TempFile(64 * 1024);
        var progress = new TransferProgress();
        using var content = new FileRangeContent(file.Path, 0, file.Size, 4096, progress);
        var seen = new List<long>();
        var sink = new RecordingStream { OnWrite = () => seen.Add(progress.Bytes) };
        await content.CopyToAsync(sink);
        Assert.Equal(16, seen.Count);
        Assert.Equal(Enumerable.Range(0, 16).Select(i => i * 4096L), seen);
    }

    [Fact]
    public async Task A_file_shorter_than_the_range_is_a_source_file_error()
    {
        using var file = new TempFile(1000);
        using var content = new FileRangeContent(file.Path, 500, 600, 4096, new TransferProgress());
        var error = await SourceFault(content);
        Assert.Contains(file.Path, error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public async Task A_missing_file_is_a_source_file_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"missing-{Guid.NewGuid():N}.bin");
        using var content = new FileRangeContent(path, 0, 10, 4096, new TransferProgress());
        Assert.Contains(path, (await SourceFault(content)).Message);
    }

    /// <summary>HttpContent wraps body errors; the wire clients look through the wrapping the same way.</summary>
    private static async Task<LocalFileException> SourceFault(HttpContent content)
    {
        var thrown = await Assert.ThrowsAnyAsync<Exception>(() => content.CopyToAsync(new RecordingStream()));
        return Assert.IsType<LocalFileException>(TransportFault.LocalFileFault(thrown));
    }

    private sealed class RecordingStream : Stream
    {
        public MemoryStream Written { get; } = new();
        public int LargestWrite { get; private set; }
        public Action? OnWrite { get; init; }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            OnWrite?.Invoke();
            LargestWrite = Math.Max(LargestWrite, buffer.Length);
            Written.Write(buffer);
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => Written.Length;
        public override long Position { get => Written.Length; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
