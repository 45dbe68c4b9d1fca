using Engine.Cluster.Sharding;

namespace Engine.Cluster.Tests.Sharding;

/// <summary>The allocation strategy is a pure function: live nodes + owners → releases and acquisitions.</summary>
public sealed class ShardAllocationTests
{
    [Fact]
    public void Free_shards_are_spread_least_shards_first()
    {
        var plan = ShardAllocation.Plan(["b", "a", "c"], new string?[10]);

        Assert.Empty(plan.Releases);
        Assert.Equal(Enumerable.Range(0, 10), plan.Acquisitions.Select(m => m.Shard));
        Assert.Equal([0, 3, 6, 9], plan.AcquisitionsBy("a"));
        Assert.Equal([1, 4, 7], plan.AcquisitionsBy("b"));
        Assert.Equal([2, 5, 8], plan.AcquisitionsBy("c"));
    }

    [Fact]
    public void A_balanced_cluster_moves_nothing()
    {
        var plan = ShardAllocation.Plan(["a", "b", "c"], ["a", "b", "c", "a", "b", "c", "a"]);

        Assert.Empty(plan.Releases);
        Assert.Empty(plan.Acquisitions);
    }

    [Fact]
    public void A_joining_node_gets_its_share_from_the_fullest_nodes_by_handoff()
    {
        string?[] owners = ["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"];

        var handoff = ShardAllocation.Plan(["a", "b", "c"], owners);

        // The extra shard stays where it is (a, the first of the fullest by id); a and b release their highest.
        Assert.Equal([new ShardMove(4, "a"), new ShardMove(9, "b"), new ShardMove(8, "b")], handoff.Releases);
        Assert.Empty(handoff.Acquisitions);
        foreach (var move in handoff.Releases)
            owners[move.Shard] = null;
        var takeover = ShardAllocation.Plan(["a", "b", "c"], owners);
        Assert.Empty(takeover.Releases);
        Assert.Equal([4, 8, 9], takeover.AcquisitionsBy("c"));
    }

    [Fact]
    public void The_shards_of_a_dead_node_go_to_the_live_ones()
    {
        var plan = ShardAllocation.Plan(["a", "b"], ["a", "dead", "b", "dead", "a", "dead"]);

        Assert.Empty(plan.Releases);
        Assert.Equal([new ShardMove(1, "b"), new ShardMove(3, "a"), new ShardMove(5, "b")], plan.Acquisitions);
    }

    [Fact]
    public void Without_live_nodes_nothing_moves()
    {
        var plan = ShardAllocation.Plan([], ["a", null]);

        Assert.Empty(plan.Releases);
        Assert.Empty(plan.Acquisitions);
    }

    [Fact]
    public void Any_starting_point_converges_to_an_even_spread_within_two_rounds()
    {
        var random = new Random(8);
        for (var trial = 0; trial < 200; trial++)
        {
            var shardCount = random.Next(1, 64);
            var nodes = Enumerable.Range(0, random.Next(1, 7)).Select(i => $"n{i}").ToArray();
            var candidates = nodes.Append("dead").Append(null).ToArray();
            var owners = Enumerable.Range(0, shardCount).Select(_ => candidates[random.Next(candidates.Length)]).ToArray();

            for (var round = 0; round < 2; round++)
                Apply(ShardAllocation.Plan(nodes, owners), owners);

            Assert.DoesNotContain(owners, o => o is null || o == "dead");
            var counts = nodes.Select(n => owners.Count(o => o == n)).ToArray();
            Assert.True(counts.Max() - counts.Min() <= 1, $"Trial {trial}: {string.Join(",", counts)} over {shardCount} shards.");
            Assert.Empty(ShardAllocation.Plan(nodes, owners).Releases);
        }
    }

    private static void Apply(AllocationPlan plan, string?[] owners)
    {
        foreach (var move in plan.Releases)
            owners[move.Shard] = null;
        foreach (var move in plan.Acquisitions)
            owners[move.Shard] = move.Node;
    }
}
