using Engine.Cluster.Sharding;

namespace Engine.Cluster.Tests.Sharding;

public sealed class ShardHashTests
{
    [Theory]
    [InlineData("", 0xcbf29ce484222325UL)]
    [InlineData("a", 0xaf63dc4c8601ec8cUL)]
    [InlineData("foobar", 0x85944171f73967e8UL)]
    public void The_hash_is_64_bit_FNV_1a_of_the_UTF8_bytes(string text, ulong expected) =>
        Assert.Equal(expected, ShardHash.Fnv1a64(text));

    [Fact]
    public void Long_and_non_ASCII_ids_hash_their_UTF8_bytes()
    {
        foreach (var id in new[] { "upload-é-ü-日本", new string('x', 300) + "é", new string('日', 200) })
        {
            var reference = 0xcbf29ce484222325UL;
            foreach (var b in System.Text.Encoding.UTF8.GetBytes(id))
                reference = (reference ^ b) * 1099511628211UL;
            Assert.Equal(reference, ShardHash.Fnv1a64(id));
        }
    }

    [Fact]
    public void Shards_are_fixed_for_an_id_and_spread_evenly()
    {
        const int shards = 16, ids = 16_000;
        var counts = new int[shards];
        for (var i = 0; i < ids; i++)
            counts[ShardHash.ShardOf($"upload-{Guid.CreateVersion7(DateTimeOffset.UnixEpoch.AddSeconds(i)):N}", shards)]++;

        Assert.Equal(ShardHash.ShardOf("upload-0198f5", shards), ShardHash.ShardOf("upload-0198f5", shards));
        Assert.All(counts, count => Assert.InRange(count, ids / shards * 8 / 10, ids / shards * 12 / 10));
    }

    [Fact]
    public void A_shard_count_below_one_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ShardHash.ShardOf("upload-1", 0));
}
