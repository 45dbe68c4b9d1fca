using System.Text;

namespace Engine.Cluster.Sharding;

/// <summary>
/// Maps a transfer id to its shard: 64-bit FNV-1a over the id's UTF-8 bytes, modulo the shard count. Stable across
/// processes, machines and .NET versions (unlike <see cref="string.GetHashCode()"/>, which is randomized per
/// process), because every node must agree on where a transfer lives.
/// </summary>
public static class ShardHash
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    /// <summary>The shard (0..<paramref name="shardCount"/>-1) of <paramref name="id"/>.</summary>
    public static int ShardOf(string id, int shardCount)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        return (int)(Fnv1a64(id) % (ulong)shardCount);
    }

    /// <summary>The 64-bit FNV-1a hash of the UTF-8 bytes of <paramref name="text"/>.</summary>
    public static ulong Fnv1a64(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var maxBytes = Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = maxBytes <= 256 ? stackalloc byte[256] : new byte[maxBytes];
        bytes = bytes[..Encoding.UTF8.GetBytes(text, bytes)];
        var hash = OffsetBasis;
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
