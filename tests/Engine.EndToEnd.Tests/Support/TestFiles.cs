using System.Security.Cryptography;

namespace Engine.EndToEnd.Tests.Support;

/// <summary>Files with seeded random content, and their SHA-256.</summary>
public static class TestFiles
{
    /// <summary>Writes <paramref name="size"/> bytes from a <see cref="Random"/> seeded with <paramref name="seed"/> to <paramref name="path"/>.</summary>
    public static string Write(string path, long size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The SHA-256 of the file, lowercase hex (as the emulator reports it).</summary>
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
