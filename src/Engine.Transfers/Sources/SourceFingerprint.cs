using System.Buffers;
using System.Security.Cryptography;

namespace Engine.Transfers.Sources;

/// <summary>
/// Identifies the exact content of a source file cheaply enough to check before every resume: its size,
/// last write time, and a SHA-256 over three sampled 64 KiB blocks (head, middle, tail). Hashing a whole
/// multi-gigabyte file before each resume would cost more than the resume; the samples plus the write
/// time catch the realistic cases (file replaced, re-encoded, appended, truncated, rewritten in place).
/// </summary>
public sealed record SourceFingerprint(long Size, DateTimeOffset LastWriteUtc, string SampleSha256)
{
    private const int SampleBytes = 64 * 1024;

    /// <summary>Reads the fingerprint of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static SourceFingerprint Compute(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"Source file '{path}' does not exist.", path);

        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        var size = RandomAccess.GetLength(handle);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        // Pooled: every upload start (and every resume) fingerprints its file, and a fresh 64 KiB array each time is
        // most of what a small upload allocates.
        var buffer = ArrayPool<byte>.Shared.Rent(SampleBytes);
        try
        {
            foreach (var offset in SampleOffsets(size))
            {
                var read = RandomAccess.Read(handle, buffer.AsSpan(0, SampleBytes), offset);
                sha.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return new SourceFingerprint(size, info.LastWriteTimeUtc, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    /// <summary>Explains how <paramref name="current"/> differs from this fingerprint, or <c>null</c> when it matches.</summary>
    public string? DescribeChange(SourceFingerprint current) =>
        DescribeChange(current.Size, current.LastWriteUtc) ?? (current.SampleSha256 != SampleSha256 ? "its content changed" : null);

    /// <summary>
    /// How the size or write time of <paramref name="path"/> differ from this fingerprint, or <c>null</c>: one stat and
    /// no reads, cheap enough before every step of a running upload (the sampled hash is checked before a resume).
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public string? DescribeMetadataChange(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
            throw new FileNotFoundException($"Source file '{path}' does not exist.", path);
        return DescribeChange(info.Length, info.LastWriteTimeUtc);
    }

    private string? DescribeChange(long size, DateTimeOffset lastWriteUtc)
    {
        if (size != Size) return $"its size changed from {Size} to {size} bytes";
        if (lastWriteUtc != LastWriteUtc) return $"it was written at {lastWriteUtc:O}, after the upload began ({LastWriteUtc:O})";
        return null;
    }

    private static IEnumerable<long> SampleOffsets(long size)
    {
        yield return 0;
        if (size > 2 * SampleBytes) yield return size / 2 - SampleBytes / 2;
        if (size > SampleBytes) yield return Math.Max(SampleBytes, size - SampleBytes);
    }
}
