using System.Globalization;
using System.Text;

namespace Engine.Hocon.Syntax;

/// <summary>Turns HOCON text into tokens, tracking 1-based line and column for every token.</summary>
internal sealed class Lexer
{
    // Characters the HOCON spec forbids in unquoted strings (besides whitespace and "//").
    private const string ForbiddenUnquoted = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string _source;
    private readonly List<Token> _tokens = [];
    private int _position;
    private int _line = 1;
    private int _column = 1;

    private Lexer(string text, string source)
    {
        _text = text;
        _source = source;
    }

    /// <summary>Tokenizes the whole text; the list always ends with an <see cref="TokenKind.End"/> token.</summary>
    /// <exception cref="HoconParseException">An unterminated string or substitution, a bad escape, a forbidden character.</exception>
    public static IReadOnlyList<Token> Tokenize(string text, string source)
    {
        var lexer = new Lexer(text, source);
        lexer.Run();
        return lexer._tokens;
    }

    private HoconOrigin Here => new(_source, _line, _column);

    private char Current => _text[_position];

    private bool AtEnd => _position >= _text.Length;

    private void Run()
    {
        while (!AtEnd)
        {
            var origin = Here;
            var c = Current;
            if (c == '\n')
            {
                Advance();
                _tokens.Add(new Token(TokenKind.Newline, "\n", origin));
            }
            else if (IsInlineWhitespace(c))
            {
                var start = _position;
                while (!AtEnd && IsInlineWhitespace(Current))
                {
                    Advance();
                }

                _tokens.Add(new Token(TokenKind.Whitespace, _text[start.._position], origin));
            }
            else if (c == '#' || StartsWith("//"))
            {
                while (!AtEnd && Current != '\n')
                {
                    Advance();
                }
            }
            else
            {
                _tokens.Add(ReadToken(origin, c));
            }
        }

        _tokens.Add(new Token(TokenKind.End, "", Here));
    }

    private Token ReadToken(HoconOrigin origin, char c)
    {
        switch (c)
        {
            case '{': return Single(TokenKind.OpenBrace, origin);
            case '}': return Single(TokenKind.CloseBrace, origin);
            case '[': return Single(TokenKind.OpenBracket, origin);
            case ']': return Single(TokenKind.CloseBracket, origin);
            case ',': return Single(TokenKind.Comma, origin);
            case '=': return Single(TokenKind.Equals, origin);
            case ':': return Single(TokenKind.Colon, origin);
            case '"':
                return StartsWith("\"\"\"") ? ReadMultiLineString(origin) : new Token(TokenKind.QuotedString, ReadQuotedString(), origin);
        }

        if (StartsWith("+="))
        {
            Advance(2);
            return new Token(TokenKind.PlusEquals, "+=", origin);
        }

        if (StartsWith("${"))
        {
            return ReadSubstitution(origin);
        }

        if (ForbiddenUnquoted.Contains(c))
        {
            throw new HoconParseException(origin, $"unexpected character '{c}'; put text that contains it in double quotes.");
        }

        var start = _position;
        while (!AtEnd && !char.IsWhiteSpace(Current) && !ForbiddenUnquoted.Contains(Current) && !StartsWith("//"))
        {
            Advance();
        }

        return new Token(TokenKind.UnquotedText, _text[start.._position], origin);
    }

    private Token Single(TokenKind kind, HoconOrigin origin)
    {
        var text = Current.ToString();
        Advance();
        return new Token(kind, text, origin);
    }

    /// <summary>Reads a JSON-style quoted string at the current quote; returns its unescaped content.</summary>
    private string ReadQuotedString()
    {
        var open = Here;
        Advance();
        var result = new StringBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new HoconParseException(open, "this string is never closed; expected '\"' before the end of the line.");
            }

            var c = Current;
            if (c == '"')
            {
                Advance();
                return result.ToString();
            }

            if (c == '\\')
            {
                result.Append(ReadEscape());
            }
            else
            {
                result.Append(c);
                Advance();
            }
        }
    }

    private char ReadEscape()
    {
        var origin = Here;
        Advance();
        if (AtEnd)
        {
            throw new HoconParseException(origin, "expected an escape character after '\\'.");
        }

        var c = Current;
        Advance();
        switch (c)
        {
            case '"': return '"';
            case '\\': return '\\';
            case '/': return '/';
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u':
                if (_position + 4 <= _text.Length &&
                    ushort.TryParse(_text.AsSpan(_position, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    Advance(4);
                    return (char)code;
                }

                throw new HoconParseException(origin, "expected four hexadecimal digits after '\\u'.");
            default:
                throw new HoconParseException(origin, $"unknown escape '\\{c}'; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.");
        }
    }

    /// <summary>Reads <c>"""…"""</c>: raw text, newlines kept, no escapes; extra closing quotes belong to the text.</summary>
    private Token ReadMultiLineString(HoconOrigin origin)
    {
        Advance(3);
        var start = _position;
        while (!StartsWith("\"\"\""))
        {
            if (AtEnd)
            {
                throw new HoconParseException(origin, "this multi-line string is never closed; expected '\"\"\"'.");
            }

            Advance();
        }

        while (_position + 3 < _text.Length && _text[_position + 3] == '"')
        {
            Advance();
        }

        var content = _text[start.._position];
        Advance(3);
        return new Token(TokenKind.QuotedString, content, origin);
    }

    /// <summary>Reads <c>${path}</c> or <c>${?path}</c>; the path may mix quoted and unquoted pieces.</summary>
    private Token ReadSubstitution(HoconOrigin origin)
    {
        Advance(2);
        var optional = !AtEnd && Current == '?';
        if (optional)
        {
            Advance();
        }

        var builder = new HoconPath.SegmentBuilder();
        while (true)
        {
            if (AtEnd || Current == '\n')
            {
                throw new HoconParseException(origin, "this substitution is never closed; expected '}'.");
            }

            if (Current == '}')
            {
                Advance();
                break;
            }

            if (Current == '"')
            {
                builder.AddQuoted(ReadQuotedString());
            }
            else if (char.IsWhiteSpace(Current) || (ForbiddenUnquoted.Contains(Current) && Current != '.'))
            {
                throw new HoconParseException(Here, $"unexpected '{Current}' in a substitution path; expected a key, '.' or '}}'.");
            }
            else
            {
                builder.AddUnquoted(Current.ToString());
                Advance();
            }
        }

        var path = builder.Finish() ?? throw new HoconParseException(
            origin, "a substitution needs a path of non-empty keys joined by single dots, e.g. ${engine.retry.max-delay}.");
        return new Token(TokenKind.Substitution, "${", origin) { SubstitutionPath = path, OptionalSubstitution = optional };
    }

    private static bool IsInlineWhitespace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private bool StartsWith(string value) => _text.AsSpan(_position).StartsWith(value, StringComparison.Ordinal);

    private void Advance(int count = 1)
    {
        for (var i = 0; i < count && !AtEnd; i++)
        {
            if (_text[_position] == '\n')
            {
                _line++;
                _column = 1;
            }
            else
            {
                _column++;
            }

            _position++;
        }
    }
}
