using Engine.Hocon;

namespace Engine.Cluster.Tests;

public sealed class ClusterOptionsTests
{
    [Fact]
    public void The_defaults_of_engine_conf_bind_and_leave_the_cluster_off()
    {
        var options = EngineConfig.LoadDefaults().GetConfig("engine.cluster").Bind<ClusterOptions>();

        Assert.False(options.Enabled);
        Assert.Equal(120, options.ShardCount);
        Assert.Equal(TimeSpan.FromSeconds(15), options.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(3), options.RenewInterval);
        Assert.Equal(1000, options.MaxPendingCommands);
        Assert.Equal("public", options.Schema);
        Assert.Equal(Environment.MachineName, options.EffectiveNodeId);
        options.Validate();
    }

    [Fact]
    public void An_enabled_cluster_names_every_bad_setting()
    {
        var options = new ClusterOptions
        {
            Enabled = true,
            ConnectionString = "",
            Schema = "bad-schema",
            ShardCount = 0,
            LeaseDuration = TimeSpan.FromSeconds(4),
            RenewInterval = TimeSpan.FromSeconds(3),
            MaxPendingCommands = 0,
        };

        var error = Assert.Throws<InvalidClusterOptionsException>(options.Validate);

        Assert.Equal(5, error.Errors.Count);
        Assert.Contains("engine.cluster.connection-string", error.Message);
        Assert.Contains("engine.cluster.schema 'bad-schema'", error.Message);
        Assert.Contains("engine.cluster.shard-count", error.Message);
        Assert.Contains("at least twice engine.cluster.renew-interval", error.Message);
        Assert.Contains("engine.cluster.max-pending-commands", error.Message);
    }

    [Fact]
    public void A_disabled_cluster_needs_no_settings() =>
        new ClusterOptions { Enabled = false, ShardCount = 0 }.Validate();
}
