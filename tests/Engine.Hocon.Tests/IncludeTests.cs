namespace Engine.Hocon.Tests;

/// <summary><c>include</c>: files relative to the including file, merged in place; missing files and cycles are errors.</summary>
public sealed class IncludeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("include \"parts/base.conf\"")]
    [InlineData("include file(\"parts/base.conf\")")]
    [InlineData("include required(\"parts/base.conf\")")]
    [InlineData("include required(file(\"parts/base.conf\"))")]
    public void Includes_merge_the_file_at_the_point_of_the_directive(string directive)
    {
        _dir.Write("parts/base.conf", "a = from-base\nb { x = 1, y = 2 }");
        var main = _dir.Write("main.conf", $"a = before\n{directive}\nb.y = 20");

        var config = HoconConfig.Load(main);

        Assert.Equal("from-base", config.GetString("a"));
        Assert.Equal(1, config.GetInt("b.x"));
        Assert.Equal(20, config.GetInt("b.y"));
    }

    [Fact]
    public void Nested_includes_resolve_relative_to_the_including_file()
    {
        _dir.Write("conf/inner/leaf.conf", "leaf = yes");
        _dir.Write("conf/middle.conf", "include \"inner/leaf.conf\"\nmiddle = 1");
        var main = _dir.Write("main.conf", "section { include \"conf/middle.conf\" }");

        var config = HoconConfig.Load(main);

        Assert.True(config.GetBoolean("section.leaf"));
        Assert.Equal(1, config.GetInt("section.middle"));
        Assert.EndsWith("leaf.conf", config.OriginOf("section.leaf").Source, StringComparison.Ordinal);
        Assert.Equal(1, config.OriginOf("section.leaf").Line);
    }

    [Fact]
    public void Included_files_can_be_substitution_targets()
    {
        _dir.Write("shared.conf", "shared-timeout = 7s");
        var main = _dir.Write("main.conf", "include \"shared.conf\"\nask-timeout = ${shared-timeout}");

        Assert.Equal(TimeSpan.FromSeconds(7), HoconConfig.Load(main).GetDuration("ask-timeout"));
    }

    [Fact]
    public void A_missing_include_names_the_directive_position_and_the_file()
    {
        var main = _dir.Write("main.conf", "a = 1\n  include \"absent.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.Load(main));

        Assert.Equal(2, error.Origin.Line);
        Assert.Equal(3, error.Origin.Column);
        Assert.Contains($"cannot include 'absent.conf': {Path.Combine(_dir.Root, "absent.conf")} does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_cycles_are_refused()
    {
        _dir.Write("a.conf", "include \"b.conf\"");
        _dir.Write("b.conf", "x = 1\ninclude \"a.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.Load(Path.Combine(_dir.Root, "a.conf")));

        Assert.Contains("include cycle", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Origin.Line);
    }

    [Fact]
    public void Errors_inside_an_included_file_name_that_file()
    {
        _dir.Write("broken.conf", "ok = 1\nbroken = [");
        var main = _dir.Write("main.conf", "include \"broken.conf\"");

        var error = Assert.Throws<HoconParseException>(() => HoconConfig.Load(main));

        Assert.EndsWith("broken.conf", error.Origin.Source, StringComparison.Ordinal);
        Assert.Equal((2, 11), (error.Origin.Line, error.Origin.Column));
    }

    [Fact]
    public void Text_without_a_directory_cannot_include()
    {
        var error = Assert.Throws<HoconParseException>(() => HoconConfig.Parse("include \"x.conf\"", "inline"));

        Assert.Contains("inline is not a file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_top_level_file_is_a_clear_error()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Load(Path.Combine(_dir.Root, "nope.conf")));

        Assert.Contains("nope.conf' does not exist", error.Message, StringComparison.Ordinal);
    }
}
