using System.Buffers;
using System.Net;

namespace Engine.Protocol.Http;

/// <summary>
/// A request body streamed straight from <c>[offset, offset + length)</c> of a file through one pooled buffer, so
/// memory stays bounded by the buffer whatever the range size. Bytes handed to the transport are counted in
/// <see cref="Progress"/>, readable live from another thread.
/// </summary>
public sealed class FileRangeContent : HttpContent
{
    private readonly string _path;
    private readonly long _offset;
    private readonly long _length;
    private readonly int _bufferSize;

    public FileRangeContent(string path, long offset, long length, int bufferSize, TransferProgress progress)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _path = path;
        _offset = offset;
        _length = length;
        _bufferSize = bufferSize;
        Progress = progress ?? throw new ArgumentNullException(nameof(progress));
        Headers.ContentLength = length;
    }

    /// <summary>Bytes of this body handed to the transport so far.</summary>
    public TransferProgress Progress { get; }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        using var handle = OpenSource();
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(_bufferSize, Math.Max(_length, 1)));
        try
        {
            long sent = 0;
            while (sent < _length)
            {
                var want = (int)Math.Min(buffer.Length, _length - sent);
                var read = await RandomAccess.ReadAsync(handle, buffer.AsMemory(0, want), _offset + sent, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                    throw new LocalFileException($"The source file '{_path}' ended at byte {_offset + sent} while bytes {_offset}-{_offset + _length - 1} were being sent; it was truncated or replaced since the transfer began. Restart the transfer from the current file.");
                await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                sent += read;
                Progress.Add(read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private Microsoft.Win32.SafeHandles.SafeFileHandle OpenSource()
    {
        try
        {
            return File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LocalFileException($"The source file '{_path}' cannot be opened for reading ({e.Message}); check that it exists and is readable.", e);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }
}
