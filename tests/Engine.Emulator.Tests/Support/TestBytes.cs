using System.Security.Cryptography;

namespace Engine.Emulator.Tests.Support;

/// <summary>Deterministic test media and hashing.</summary>
internal static class TestBytes
{
    public const int Chunk = 256 * 1024;

    public static byte[] Media(int length, int seed = 7)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
