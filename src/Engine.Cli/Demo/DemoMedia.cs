using System.Security.Cryptography;

namespace Engine.Cli.Demo;

/// <summary>A generated media file of the demo: where it is, its size and the SHA-256 of its bytes (lowercase hex).</summary>
internal sealed record DemoFile(string Path, long Size, string Sha256)
{
    /// <summary>The file name, also the video title the demo uploads it under.</summary>
    public string Name => System.IO.Path.GetFileName(Path);

    /// <summary>
    /// Writes <paramref name="count"/> files of <paramref name="size"/> bytes into <paramref name="directory"/>. The content
    /// comes from a seeded random source, so every run uploads the same bytes; each file has its own seed, so no two match.
    /// </summary>
    public static async Task<IReadOnlyList<DemoFile>> GenerateAsync(string directory, int count, long size, CancellationToken cancellation)
    {
        Directory.CreateDirectory(directory);
        var files = new DemoFile[count];
        await Parallel.ForAsync(0, count, cancellation, async (index, ct) =>
            files[index] = await WriteOneAsync(System.IO.Path.Combine(directory, $"clip-{index + 1}.mp4"), size, seed: index + 1, ct)
                .ConfigureAwait(false)).ConfigureAwait(false);
        return files;
    }

    /// <summary>The SHA-256 of the file at <paramref name="path"/> (lowercase hex), or null when it does not exist.</summary>
    public static async Task<string?> HashAsync(string path, CancellationToken cancellation)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellation).ConfigureAwait(false));
    }

    private static async Task<DemoFile> WriteOneAsync(string path, long size, int seed, CancellationToken cancellation)
    {
        var random = new Random(seed);
        var block = new byte[1024 * 1024];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0, useAsync: true);
        for (long written = 0; written < size; written += block.Length)
        {
            var length = (int)Math.Min(block.Length, size - written);
            random.NextBytes(block.AsSpan(0, length));
            hash.AppendData(block, 0, length);
            await stream.WriteAsync(block.AsMemory(0, length), cancellation).ConfigureAwait(false);
        }

        return new DemoFile(path, size, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
