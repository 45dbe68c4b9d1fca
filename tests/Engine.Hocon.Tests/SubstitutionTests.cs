namespace Engine.Hocon.Tests;

/// <summary><c>${path}</c> and <c>${?path}</c>: resolved after the whole document is merged, with environment fallback.</summary>
public sealed class SubstitutionTests
{
    private static HoconConfig Parse(string text) => HoconConfig.Parse(text, "subst.conf");

    public static TheoryData<string, string, string> Resolvable => new()
    {
        { "a = 1\nb = ${a}", "b", "1" },
        { "b = ${a}\na = forward", "b", "forward" },
        { "a { x = 1 }\nb = ${a.x}", "b", "1" },
        { "a = ${b}\nb = ${c}\nc = chain", "a", "chain" },
        { "a = 1\na = 2\nb = ${a}", "b", "2" },
        { "host = example.org\nurl = \"https://\"${host}\"/x\"", "url", "https://example.org/x" },
        { "n = 250\nd = ${n} ms", "d", "250 ms" },
        { "\"a.b\" = q\nc = ${\"a.b\"}", "c", "q" },
        { "o { x = 1 }\np = ${o}\np { y = 2 }", "p.x", "1" },
        { "o { x = 1 }\np = ${o}\np { y = 2 }", "p.y", "2" },
        { "a = keep\na = ${?does.not.exist}", "a", "keep" },
        { "a = keep\na = ${?does.not.exist}\na = ${?also.missing}", "a", "keep" },
        { "a = x${?missing}y", "a", "xy" },
    };

    [Theory]
    [MemberData(nameof(Resolvable))]
    public void Resolves_against_the_merged_document(string text, string path, string expected)
    {
        Assert.Equal(expected, Parse(text).GetString(path));
    }

    [Fact]
    public void Undefined_optional_substitution_in_an_array_drops_the_element()
    {
        var config = Parse("list = [1, ${?missing}, 3]\ncopy = ${list}");

        Assert.Equal([1, 3], config.GetList<int>("copy"));
    }

    [Fact]
    public void Optional_substitution_without_value_leaves_the_key_absent()
    {
        var config = Parse("a = ${?HOCON_TEST_SURELY_UNSET_4711}\nb = 1");

        Assert.False(config.HasPath("a"));
        Assert.Equal(["b"], config.Keys);
    }

    [Fact]
    public void Environment_variables_fill_optional_and_required_substitutions()
    {
        Environment.SetEnvironmentVariable("HOCON_TEST_ENV_OPTIONAL", "from-env");
        Environment.SetEnvironmentVariable("HOCON_TEST_ENV_REQUIRED", "15s");
        try
        {
            var config = Parse("a = ${?HOCON_TEST_ENV_OPTIONAL}\nb = ${HOCON_TEST_ENV_REQUIRED}");

            Assert.Equal("from-env", config.GetString("a"));
            Assert.Equal(TimeSpan.FromSeconds(15), config.GetDuration("b"));
            Assert.Equal("environment variable HOCON_TEST_ENV_OPTIONAL", config.OriginOf("a").ToString());
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOCON_TEST_ENV_OPTIONAL", null);
            Environment.SetEnvironmentVariable("HOCON_TEST_ENV_REQUIRED", null);
        }
    }

    [Fact]
    public void A_setting_in_the_document_wins_over_an_environment_variable()
    {
        Environment.SetEnvironmentVariable("HOCON_TEST_SHADOWED", "env");
        try
        {
            Assert.Equal("doc", Parse("HOCON_TEST_SHADOWED = doc\na = ${HOCON_TEST_SHADOWED}").GetString("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("HOCON_TEST_SHADOWED", null);
        }
    }

    [Fact]
    public void Missing_required_substitution_names_path_and_position()
    {
        var error = Assert.Throws<HoconException>(() => Parse("a = 1\nb = ${nothing.here}").GetString("a"));

        Assert.Contains("${nothing.here} at subst.conf:2:5", error.Message, StringComparison.Ordinal);
        Assert.Contains("no setting 'nothing.here' and no environment variable", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Cycles => new()
    {
        { "a = ${b}\nb = ${a}", "${b} at subst.conf:1:5 -> ${a} at subst.conf:2:5" },
        { "a = ${a}", "${a} at subst.conf:1:5" },
        { "path = base\npath = ${path}\"/x\"", "${path} at subst.conf:2:8" },
        { "a { b = ${a} }", "${a} at subst.conf:1:9" },
        { "a = ${b}x\nb = ${c}\nc = ${a}", "${b} at subst.conf:1:5 -> ${c} at subst.conf:2:5 -> ${a} at subst.conf:3:5" },
    };

    [Theory]
    [MemberData(nameof(Cycles))]
    public void Cycles_are_a_clear_error(string text, string chain)
    {
        var error = Assert.Throws<HoconException>(() => Parse(text).Resolve());

        Assert.Contains("Substitution cycle", error.Message, StringComparison.Ordinal);
        Assert.Contains(chain, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_and_arrays_cannot_join_a_string()
    {
        var error = Assert.Throws<HoconException>(() => Parse("o { x = 1 }\ns = prefix-${o}").Resolve());

        Assert.Contains("${o} at subst.conf:2:12 is an object (from subst.conf:1:3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitutions_see_the_fallback_and_the_fallback_sees_the_overriding_layer()
    {
        var defaults = Parse("timeouts { base = 10s }\nask-timeout = ${timeouts.base}");
        var user = HoconConfig.Parse("timeouts.base = 3s\nshutdown = ${ask-timeout}", "user.conf");

        var config = user.WithFallback(defaults);

        Assert.Equal(TimeSpan.FromSeconds(3), config.GetDuration("ask-timeout"));
        Assert.Equal(TimeSpan.FromSeconds(3), config.GetDuration("shutdown"));
    }

    [Fact]
    public void A_whole_object_can_be_substituted_and_extended()
    {
        var config = Parse("""
            base { initial-delay = 1s, max-delay = 60s }
            poll = ${base}
            poll { max-delay = 5m }
            """);

        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("poll.initial-delay"));
        Assert.Equal(TimeSpan.FromMinutes(5), config.GetDuration("poll.max-delay"));
        Assert.Equal(TimeSpan.FromSeconds(60), config.GetDuration("base.max-delay"));
    }
}
