namespace Engine.Hocon.Syntax;

/// <summary>
/// One lexical token. <see cref="Text"/> is the string content (unescaped for quoted strings) or
/// the whitespace itself; a substitution carries its path and whether it is optional.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, HoconOrigin Origin)
{
    public IReadOnlyList<string> SubstitutionPath { get; init; } = [];

    public bool OptionalSubstitution { get; init; }

    /// <summary>How the token reads in an error message.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the input",
        TokenKind.Newline => "a new line",
        TokenKind.Whitespace => "whitespace",
        TokenKind.QuotedString => $"the string \"{Text}\"",
        TokenKind.UnquotedText => $"'{Text}'",
        TokenKind.Substitution => "a substitution",
        _ => $"'{Text}'",
    };
}
