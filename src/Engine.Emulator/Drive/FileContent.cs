using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Engine.Emulator.Drive;

/// <summary>
/// The bytes of a file revision, readable at any offset without loading them whole: given bytes, a file on
/// disk, or generated deterministic content of any size (same length and seed, same bytes, everywhere).
/// </summary>
public abstract class FileContent
{
    /// <summary>Size in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Fills <paramref name="destination"/> with the bytes from <paramref name="offset"/> on (the caller stays inside <see cref="Length"/>).</summary>
    public abstract void Read(long offset, Span<byte> destination);

    /// <summary>Content held in memory.</summary>
    public static FileContent FromBytes(byte[] bytes) => new ByteContent(bytes);

    /// <summary>Content read from a file on disk (the file must not change while served).</summary>
    public static FileContent FromFile(string path) => new DiskContent(Path.GetFullPath(path), new FileInfo(path).Length);

    /// <summary>Deterministic pseudo-random content of <paramref name="length"/> bytes: large media without storing it.</summary>
    public static FileContent Generated(long length, int seed) => new GeneratedContent(length, seed);

    /// <summary>The SHA-256 of the whole content, lowercase hex.</summary>
    public string ComputeSha256()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[256 * 1024];
        for (long offset = 0; offset < Length; offset += buffer.Length)
        {
            var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, Length - offset));
            Read(offset, span);
            hash.AppendData(span);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The bytes <paramref name="offset"/>..<paramref name="offset"/>+<paramref name="count"/>-1 as an array (for tests and small files).</summary>
    public byte[] ReadRange(long offset, int count)
    {
        var bytes = new byte[count];
        Read(offset, bytes);
        return bytes;
    }

    private sealed class ByteContent(byte[] bytes) : FileContent
    {
        public override long Length => bytes.Length;

        public override void Read(long offset, Span<byte> destination) =>
            bytes.AsSpan(checked((int)offset), destination.Length).CopyTo(destination);
    }

    private sealed class DiskContent(string path, long length) : FileContent
    {
        public override long Length => length;

        public override void Read(long offset, Span<byte> destination)
        {
            using var handle = File.OpenHandle(path);
            var done = 0;
            while (done < destination.Length)
            {
                var read = RandomAccess.Read(handle, destination[done..], offset + done);
                done += read > 0 ? read : throw new IOException($"File '{path}' is shorter than the {length} bytes registered; do not change it while served.");
            }
        }
    }

    private sealed class GeneratedContent(long length, int seed) : FileContent
    {
        public override long Length => length;

        public override void Read(long offset, Span<byte> destination)
        {
            Span<byte> word = stackalloc byte[8];
            var position = offset;
            var written = 0;
            while (written < destination.Length)
            {
                var value = Mix((ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)(position >> 3));
                var within = (int)(position & 7);
                var take = Math.Min(8 - within, destination.Length - written);
                if (take == 8)
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(destination.Slice(written, 8), value);
                }
                else
                {
                    BinaryPrimitives.WriteUInt64LittleEndian(word, value);
                    word.Slice(within, take).CopyTo(destination[written..]);
                }

                written += take;
                position += take;
            }
        }

        // SplitMix64 finalizer: cheap, well-mixed, random access by 8-byte block.
        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
