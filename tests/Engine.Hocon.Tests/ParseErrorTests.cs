namespace Engine.Hocon.Tests;

/// <summary>Malformed input: every error names the source, line and column, and says what was expected.</summary>
public sealed class ParseErrorTests
{
    public static TheoryData<string, int, int, string> Malformed => new()
    {
        { "a = 1\nb", 2, 2, "expected '=', ':' or '{' after the key 'b'" },
        { "a 1", 1, 3, "expected '=', ':' or '{' after the key 'a'" },
        { "a =", 1, 4, "expected a value for 'a'" },
        { "a = \n1", 1, 5, "expected a value for 'a'" },
        { "a = 1 = 2", 1, 7, "unexpected '='" },
        { "url = http://x", 1, 11, "unexpected ':'" },
        { "a { b = 1", 1, 10, "expected '}' to close the object opened at line 1, column 3" },
        { "a = [1, 2", 1, 10, "expected ']' to close the array opened at line 1, column 5" },
        { "a = [1,, 2]", 1, 8, "expected an array element, but found ','" },
        { "a = [1 2 3}", 1, 11, "expected ',' or ']' after an array element" },
        { "a = 1,, b = 2", 1, 7, "expected a key, but found ','" },
        { "a = 1 }", 1, 7, "expected a key, but found '}'" },
        { "{ a = 1 } b = 2", 1, 11, "expected the end of the file" },
        { "[1, 2]", 1, 1, "must be an object, not an array" },
        { "a = \"open", 1, 5, "this string is never closed" },
        { "a = \"bad \\q escape\"", 1, 10, "unknown escape '\\q'" },
        { "a = \"\\u12\"", 1, 6, "expected four hexadecimal digits" },
        { "a = \"\"\"never closed\n", 1, 5, "this multi-line string is never closed" },
        { "a = ${b", 1, 5, "this substitution is never closed" },
        { "a = ${}", 1, 5, "a substitution needs a path" },
        { "a = ${b c}", 1, 8, "unexpected ' ' in a substitution path" },
        { "a..b = 1", 1, 1, "a key must not be empty" },
        { ".a = 1", 1, 1, "a key must not be empty" },
        { "a = 1 b = 2", 1, 9, "unexpected '='" },
        { "a = 1, b", 1, 9, "expected '=', ':' or '{' after the key 'b', but found the end of the input" },
        { "a += 1", 1, 3, "'+=' is not supported" },
        { "a = @x", 1, 5, "unexpected character '@'" },
        { "a = { x = 1 } extra", 1, 5, "an object cannot be concatenated" },
        { "a = [1] [2]", 1, 5, "an array cannot be concatenated" },
        { "x {\n  y = 1\n  z = ?\n}", 3, 7, "unexpected character '?'" },
        { "include foo(\"x.conf\")", 1, 1, "unsupported include form 'foo('" },
        { "include required(\"x.conf\"", 1, 26, "expected ')'" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_names_file_line_column_and_expectation(string text, int line, int column, string expected)
    {
        var error = Assert.Throws<HoconParseException>(() => HoconConfig.Parse(text, "bad.conf"));

        Assert.Equal(new HoconOrigin("bad.conf", line, column), error.Origin);
        Assert.Contains(expected, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"bad.conf:{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }
}
