namespace Engine.Hocon.Tests;

/// <summary>Every syntax feature of the supported subset, read back through <see cref="HoconConfig.GetString"/>.</summary>
public sealed class SyntaxTests
{
    public static TheoryData<string, string, string> Documents => new()
    {
        // separators, braces, root braces optional
        { "a = 1", "a", "1" },
        { "a : 1", "a", "1" },
        { "{ a = 1 }", "a", "1" },
        { "a { b = x }", "a.b", "x" },
        { "a{b=x}", "a.b", "x" },
        { "a { b { c = deep } }", "a.b.c", "deep" },
        // separators between fields: commas, new lines, trailing comma
        { "a = 1, b = 2", "b", "2" },
        { "a = 1\nb = 2", "b", "2" },
        { "o { a = 1, b = 2, }", "o.b", "2" },
        { "a = 1\r\nb = 2\r\n", "b", "2" },
        // dotted keys and quoted keys
        { "a.b.c = 1", "a.b.c", "1" },
        { "a.b.c = 1\na.b.d = 2", "a.b.c", "1" },
        { "\"a.b\" = 1", "\"a.b\"", "1" },
        { "a.\"b.c\".d = 1", "a.\"b.c\".d", "1" },
        { "include = plain", "include", "plain" },
        // comments
        { "# comment\na = 1 # trailing", "a", "1" },
        { "// comment\na = 1 // trailing", "a", "1" },
        { "a = \"# not a comment\"", "a", "# not a comment" },
        { "a = x/y", "a", "x/y" },
        // quoted strings and escapes
        { "a = \"hello world\"", "a", "hello world" },
        { "a = \"tab\\there\"", "a", "tab\there" },
        { "a = \"q\\\"uote\\\\\"", "a", "q\"uote\\" },
        { "a = \"\\u00e9t\\u00E9\"", "a", "été" },
        { "a = \"\"", "a", "" },
        // multi-line strings: raw, newlines kept, extra closing quotes belong to the text
        { "a = \"\"\"line1\nline \\n 2\"\"\"", "a", "line1\nline \\n 2" },
        { "a = \"\"\"say \"hi\"\"\"\"", "a", "say \"hi\"" },
        // unquoted strings, numbers, booleans keep their text
        { "a = sqlite", "a", "sqlite" },
        { "a = engine-data/journal.db", "a", "engine-data/journal.db" },
        { "a = 2.0", "a", "2.0" },
        { "a = -17", "a", "-17" },
        { "a = 1e3", "a", "1e3" },
        { "a = true", "a", "true" },
        // value concatenation on one line keeps inner whitespace, trims the ends
        { "a = 250 ms", "a", "250 ms" },
        { "a =   foo  bar   ", "a", "foo  bar" },
        { "a = foo\"bar\"baz", "a", "foobarbaz" },
        { "a = \"x\" \"y\"", "a", "x y" },
        { "a = true story", "a", "true story" },
        // repeated keys: later non-object wins, objects merge
        { "a = 1\na = 2", "a", "2" },
        { "a { x = 1 }\na { y = 2 }", "a.x", "1" },
        { "a { x = 1 }\na { x = 3 }", "a.x", "3" },
        { "a = 1\na { x = 2 }", "a.x", "2" },
        { "a { x = 1 }\na = flat", "a", "flat" },
        { "a.b = 1\na { c = 2 }", "a.b", "1" },
        // whitespace and BOM
        { "\uFEFF\t a \t=\t v \t", "a", "v" },
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Reads_every_supported_form(string text, string path, string expected)
    {
        Assert.Equal(expected, HoconConfig.Parse(text, "test.conf").GetString(path));
    }

    [Fact]
    public void Booleans_null_and_arrays_have_their_types()
    {
        var config = HoconConfig.Parse("""
            t = true
            f = off
            y = yes
            n = null
            list = [1, 2, 3]
            multiline = [
              "a"
              b,
              c,
            ]
            nested = [[1, 2], [3]]
            objects = [{ name = a }, { name = b }]
            empty = []
            """, "test.conf");

        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.True(config.GetBoolean("y"));
        Assert.False(config.HasPath("n"));
        Assert.Equal([1, 2, 3], config.GetList<int>("list"));
        Assert.Equal(["a", "b", "c"], config.GetList<string>("multiline"));
        Assert.Equal([[1, 2], [3]], config.GetList<int[]>("nested"));
        Assert.Equal(["a", "b"], config.GetList<HoconConfig>("objects").Select(o => o.GetString("name")));
        Assert.Empty(config.GetList<string>("empty"));
    }

    [Fact]
    public void Later_objects_merge_and_keep_fields_of_earlier_ones()
    {
        var config = HoconConfig.Parse("""
            engine { retry { initial-delay = 1s, max-delay = 60s } }
            engine.retry.max-delay = 5s
            engine { retry { jitter = none } }
            """, "test.conf");

        Assert.Equal(["engine.retry.initial-delay", "engine.retry.max-delay", "engine.retry.jitter"], config.Keys);
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetDuration("engine.retry.max-delay"));
        Assert.Equal(TimeSpan.FromSeconds(1), config.GetDuration("engine.retry.initial-delay"));
    }

    [Fact]
    public void Values_remember_file_line_and_column()
    {
        var config = HoconConfig.Parse("a {\n  b = 42\n}", "origin.conf");

        Assert.Equal(new HoconOrigin("origin.conf", 2, 7), config.OriginOf("a.b"));
        Assert.Equal("origin.conf:2:7", config.OriginOf("a.b").ToString());
    }
}
