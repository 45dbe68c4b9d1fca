namespace Engine.Hocon.Tests;

/// <summary>Fallback chains and <c>--set</c> overrides, including the unknown-path guard.</summary>
public sealed class LayeringTests
{
    private static readonly HoconConfig Defaults = HoconConfig.Parse("""
        engine {
          retry { initial-delay = 1s, max-delay = 60s, max-attempts = 10 }
          download { poll { initial-delay = 10s, max-delay = 5m }, segments = 4 }
          http { allowed-token-hosts = [] }
          postgresql { connection-string = ${?HOCON_TEST_UNSET_CONNECTION} }
          derived = ${engine.retry.max-delay}
        }
        """, "defaults.conf");

    [Fact]
    public void The_user_layer_wins_and_objects_merge_with_the_fallback()
    {
        var user = HoconConfig.Parse("engine.retry { max-delay = 30s }", "user.conf");

        var config = user.WithFallback(Defaults);

        Assert.Equal(TimeSpan.FromSeconds(30), config.GetDuration("engine.retry.max-delay"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("engine.retry.initial-delay"));
        Assert.Equal(TimeSpan.FromSeconds(30), config.GetDuration("engine.derived"));
        Assert.Equal("user.conf:1:28", config.OriginOf("engine.retry.max-delay").ToString());
        Assert.Equal("defaults.conf:2:27", config.OriginOf("engine.retry.initial-delay").ToString());
    }

    [Fact]
    public void An_undefined_optional_value_in_the_user_layer_keeps_the_fallback()
    {
        var user = HoconConfig.Parse("engine.retry.max-attempts = ${?HOCON_TEST_UNSET_ATTEMPTS}", "user.conf");

        Assert.Equal(10, user.WithFallback(Defaults).GetInt("engine.retry.max-attempts"));
    }

    public static TheoryData<string[], string, string> Overrides => new()
    {
        { ["engine.retry.max-delay=5s"], "engine.retry.max-delay", "5s" },
        { ["engine.retry.max-delay = 5 s "], "engine.retry.max-delay", "5 s" },
        { ["engine.retry.max-delay=5s", "engine.retry.max-delay=7s"], "engine.retry.max-delay", "7s" },
        { ["engine.download.segments=8"], "engine.download.segments", "8" },
        { ["engine.download.poll.initial-delay=\"2s\""], "engine.download.poll.initial-delay", "2s" },
        { ["engine.retry={ max-attempts = 3 }"], "engine.retry.max-attempts", "3" },
        { ["engine.retry={ max-attempts = 3 }"], "engine.retry.initial-delay", "1s" },
        { ["engine.retry.max-delay=2m"], "engine.derived", "2m" },
        { ["engine.retry.initial-delay=${engine.download.poll.max-delay}"], "engine.retry.initial-delay", "5m" },
        { ["engine.postgresql.connection-string=\"Host=db;Port=5432\""], "engine.postgresql.connection-string", "Host=db;Port=5432" },
    };

    [Theory]
    [MemberData(nameof(Overrides))]
    public void Overrides_are_hocon_values_applied_on_top(string[] assignments, string path, string expected)
    {
        Assert.Equal(expected, Defaults.WithOverrides(assignments).GetString(path));
    }

    [Fact]
    public void Overrides_can_set_arrays()
    {
        var config = Defaults.WithOverrides(["engine.http.allowed-token-hosts=[cdn.example, \"uploads.example\"]"]);

        Assert.Equal(["cdn.example", "uploads.example"], config.GetList<string>("engine.http.allowed-token-hosts"));
    }

    public static TheoryData<string, string> UnknownPaths => new()
    {
        { "engine.retry.max-dealy=5s", "Unknown setting 'engine.retry.max-dealy' (--set engine.retry.max-dealy). Nearest known settings: engine.retry.max-delay," },
        { "engine.retyr.max-delay=5s", "Nearest known settings: engine.retry.max-delay," },
        { "engine.download.segment=8", "Nearest known settings: engine.download.segments," },
        { "engine.retry.max-delay.x=1", "Unknown setting 'engine.retry.max-delay.x'" },
        { "other=1", "Unknown setting 'other'" },
    };

    [Theory]
    [MemberData(nameof(UnknownPaths))]
    public void Unknown_paths_are_refused_with_the_nearest_known_keys(string assignment, string expected)
    {
        var error = Assert.Throws<HoconException>(() => Defaults.WithOverrides([assignment]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_about_an_override_do_not_repeat_its_value()
    {
        var error = Assert.Throws<HoconException>(() => Defaults.WithOverrides(["engine.postgresql.connectoin-string=\"Password=hunter2\""]));

        Assert.Contains("Unknown setting 'engine.postgresql.connectoin-string'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("engine.retry.max-delay", "expected path=value")]
    [InlineData("=5s", "expected path=value")]
    [InlineData("engine..retry=1", "Invalid path 'engine..retry'")]
    [InlineData("engine.retry.max-delay=", "--set engine.retry.max-delay:1:1: expected a value for 'engine.retry.max-delay', but found the end of the input")]
    [InlineData("engine.retry.max-delay=[1", "expected ']' to close the array")]
    [InlineData("engine.retry.max-delay=1, 2", "expected the end of the value")]
    [InlineData("engine.postgresql.connection-string=Host=db", "unexpected '=' in the value of 'engine.postgresql.connection-string'; put text that contains it in double quotes")]
    public void Malformed_overrides_are_refused(string assignment, string expected)
    {
        var error = Assert.ThrowsAny<HoconException>(() => Defaults.WithOverrides([assignment]));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
