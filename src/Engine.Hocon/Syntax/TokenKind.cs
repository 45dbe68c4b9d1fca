namespace Engine.Hocon.Syntax;

/// <summary>The kinds of token the lexer produces; comments never become tokens.</summary>
internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Equals,
    Colon,
    PlusEquals,
    Newline,
    Whitespace,
    QuotedString,
    UnquotedText,
    Substitution,
    End,
}
