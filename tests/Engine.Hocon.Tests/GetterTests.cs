namespace Engine.Hocon.Tests;

/// <summary>Typed getters: values, and errors that name the full path and the value's position.</summary>
public sealed class GetterTests
{
    private static readonly HoconConfig Config = HoconConfig.Parse("""
        engine {
          name = "node-1"
          count = 42
          big = 9000000000
          ratio = 0.25
          on = on
          hosts = [a.example, "b.example"]
          retry { max-attempts = ten, initial-delay = 1s }
          nothing = null
        }
        """, "get.conf");

    [Fact]
    public void Reads_each_type()
    {
        Assert.Equal("node-1", Config.GetString("engine.name"));
        Assert.Equal("42", Config.GetString("engine.count"));
        Assert.Equal(42, Config.GetInt("engine.count"));
        Assert.Equal(9_000_000_000, Config.GetLong("engine.big"));
        Assert.Equal(0.25, Config.GetDouble("engine.ratio"));
        Assert.Equal(42.0, Config.GetDouble("engine.count"));
        Assert.True(Config.GetBoolean("engine.on"));
        Assert.Equal(["a.example", "b.example"], Config.GetList<string>("engine.hosts"));
        Assert.Equal(TimeSpan.FromSeconds(1), Config.GetConfig("engine.retry").GetDuration("initial-delay"));
        Assert.True(Config.HasPath("engine.retry.max-attempts"));
        Assert.False(Config.HasPath("engine.retry.missing"));
        Assert.False(Config.HasPath("engine.nothing"));
    }

    public static TheoryData<Func<HoconConfig, object>, string> Failures => new()
    {
        { c => c.GetInt("engine.retry.max-attempts"), "Setting 'engine.retry.max-attempts' at get.conf:8:26: expected a whole number between" },
        { c => c.GetConfig("engine.retry").GetInt("max-attempts"), "Setting 'engine.retry.max-attempts' at get.conf:8:26: expected a whole number" },
        { c => c.GetInt("engine.big"), "Setting 'engine.big' at get.conf:4:9: expected a whole number between -2147483648 and 2147483647, but found the number 9000000000" },
        { c => c.GetInt("engine.ratio"), "Setting 'engine.ratio' at get.conf:5:11: expected a whole number" },
        { c => c.GetDouble("engine.name"), "Setting 'engine.name' at get.conf:2:10: expected a number, but found 'node-1'" },
        { c => c.GetBoolean("engine.count"), "Setting 'engine.count' at get.conf:3:11: expected a boolean (true/false, on/off, yes/no), but found the number 42" },
        { c => c.GetString("engine.hosts"), "Setting 'engine.hosts' at get.conf:7:11: expected a string, but found an array" },
        { c => c.GetString("engine.retry"), "Setting 'engine.retry' at get.conf:8:9: expected a string, but found an object" },
        { c => c.GetString("engine.nothing"), "Setting 'engine.nothing' at get.conf:9:13: expected a string, but found null" },
        { c => c.GetConfig("engine.name"), "Setting 'engine.name' at get.conf:2:10: expected an object" },
        { c => c.GetList<string>("engine.name"), "Setting 'engine.name' at get.conf:2:10: expected an array" },
        { c => c.GetList<int>("engine.hosts"), "Setting 'engine.hosts[0]' at get.conf:7:12: expected a whole number" },
        { c => c.GetString("engine.retry.missing"), "Missing setting 'engine.retry.missing': 'engine.retry' (at get.conf:8:9) has no key 'missing'." },
        { c => c.GetConfig("engine.retry").GetString("missing"), "Missing setting 'engine.retry.missing': 'engine.retry' (at get.conf:8:9) has no key 'missing'." },
        { c => c.GetString("nope"), "Missing setting 'nope': the configuration has no key 'nope'." },
        { c => c.GetString("engine.name.deeper"), "Missing setting 'engine.name.deeper': 'engine.name' at get.conf:2:10 is 'node-1', not an object." },
        { c => c.GetString("engine..name"), "Invalid path 'engine..name'" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Errors_name_the_full_path_and_origin(Func<HoconConfig, object> read, string expected)
    {
        var error = Assert.Throws<HoconException>(() => read(Config));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sub_configs_know_their_path()
    {
        var retry = Config.GetConfig("engine.retry");

        Assert.Equal("engine.retry", retry.Path);
        Assert.Equal(["engine.retry.max-attempts", "engine.retry.initial-delay"], retry.Keys);
    }

    [Fact]
    public void Empty_config_has_no_keys()
    {
        Assert.Empty(HoconConfig.Empty.Keys);
        Assert.False(HoconConfig.Empty.HasPath("a"));
    }
}
