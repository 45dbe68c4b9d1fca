using System.Text;
using System.Text.RegularExpressions;
using Engine.Hocon.Model;

namespace Engine.Hocon.Syntax;

/// <summary>
/// Recursive-descent parser for Engine's HOCON subset. Repeated keys merge as they are read
/// (<see cref="HoconMerge"/>); <c>include</c> directives are delegated to the <see cref="DocumentLoader"/>.
/// </summary>
internal sealed partial class Parser
{
    private readonly IReadOnlyList<Token> _tokens;
    private readonly DocumentLoader _loader;
    private readonly string? _baseDirectory;
    private int _index;

    private Parser(IReadOnlyList<Token> tokens, DocumentLoader loader, string? baseDirectory)
    {
        _tokens = tokens;
        _loader = loader;
        _baseDirectory = baseDirectory;
    }

    /// <summary>Parses a whole document; the root must be an object, its braces optional.</summary>
    public static HoconObject ParseDocument(string text, string source, string? baseDirectory, DocumentLoader loader)
    {
        var parser = new Parser(Lexer.Tokenize(text, source), loader, baseDirectory);
        return parser.ParseRoot(new HoconOrigin(source, 1, 1));
    }

    /// <summary>Parses one value (as on the right of '='), e.g. the value of a <c>--set</c> assignment.</summary>
    /// <param name="text">The value's text.</param>
    /// <param name="source">The name of the text in error messages.</param>
    /// <param name="owner">What the value is for, in error messages (e.g. the quoted path).</param>
    public static HoconValue ParseValue(string text, string source, string owner)
    {
        var parser = new Parser(Lexer.Tokenize(text, source), new DocumentLoader(), baseDirectory: null);
        parser.SkipWhitespaceAndNewlines();
        var value = parser.ParseValue(owner);
        parser.SkipWhitespaceAndNewlines();
        parser.Expect(TokenKind.End, "the end of the value");
        return value;
    }

    private Token Peek => _tokens[_index];

    private Token Next() => _tokens[_index++];

    private HoconObject ParseRoot(HoconOrigin origin)
    {
        SkipWhitespaceAndNewlines();
        if (Peek.Kind == TokenKind.OpenBracket)
        {
            throw Error(Peek, "the root of a configuration file must be an object, not an array.");
        }

        HoconObject root;
        if (Peek.Kind == TokenKind.OpenBrace)
        {
            root = ParseObject(Next());
            SkipWhitespaceAndNewlines();
        }
        else
        {
            root = ParseFields(origin, closing: null);
        }

        Expect(TokenKind.End, "the end of the file");
        return root;
    }

    private HoconObject ParseObject(Token open) => ParseFields(open.Origin, closing: open);

    /// <summary>Reads fields up to the closing brace of <paramref name="closing"/>, or to the end of a brace-less root.</summary>
    private HoconObject ParseFields(HoconOrigin origin, Token? closing)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            if (token.Kind == TokenKind.End)
            {
                return closing is { } open
                    ? throw Error(token, $"expected '}}' to close the object opened at line {open.Origin.Line}, column {open.Origin.Column}.")
                    : new HoconObject(origin, fields);
            }

            if (closing is not null && token.Kind == TokenKind.CloseBrace)
            {
                Next();
                return new HoconObject(origin, fields);
            }

            if (IsInclude())
            {
                foreach (var (key, value) in ParseInclude().Fields)
                {
                    AddField(fields, key, value);
                }
            }
            else
            {
                var (key, value) = ParseField();
                AddField(fields, key, value);
            }

            SkipWhitespace();
            if (Peek.Kind == TokenKind.Comma)
            {
                Next();
            }
            else if (Peek.Kind is not (TokenKind.Newline or TokenKind.CloseBrace or TokenKind.End))
            {
                throw Error(Peek, $"expected ',' or a new line between fields, but found {Peek.Describe()}.");
            }
        }
    }

    private static void AddField(OrderedDictionary<string, HoconValue> fields, string key, HoconValue value) =>
        fields[key] = fields.TryGetValue(key, out var earlier) ? HoconMerge.Merge(value, earlier) : value;

    /// <summary>Reads <c>key = value</c>, <c>key : value</c> or <c>key { … }</c>; a dotted key becomes nested objects.</summary>
    private (string Key, HoconValue Value) ParseField()
    {
        var keyToken = Peek;
        var segments = ParseKey();
        var keyText = HoconPath.Render(segments);
        SkipWhitespace();
        var separator = Next();
        HoconValue value;
        switch (separator.Kind)
        {
            case TokenKind.Equals or TokenKind.Colon:
                SkipWhitespace();
                value = ParseValue($"'{keyText}'");
                break;
            case TokenKind.OpenBrace:
                value = ParseObject(separator);
                break;
            case TokenKind.PlusEquals:
                throw Error(separator, $"'+=' is not supported; write the whole array: {keyText} = [ … ].");
            default:
                throw Error(separator, $"expected '=', ':' or '{{' after the key '{keyText}', but found {separator.Describe()}.");
        }

        var leaf = segments.Count == 1 ? value : HoconObject.Nest(segments.Skip(1).ToList(), value, keyToken.Origin);
        return (segments[0], leaf);
    }

    private IReadOnlyList<string> ParseKey()
    {
        var start = Peek;
        var startIndex = _index;
        var builder = new HoconPath.SegmentBuilder();
        while (Peek.Kind is TokenKind.QuotedString or TokenKind.UnquotedText)
        {
            var piece = Next();
            if (piece.Kind == TokenKind.QuotedString)
            {
                builder.AddQuoted(piece.Text);
            }
            else
            {
                builder.AddUnquoted(piece.Text);
            }
        }

        if (_index == startIndex)
        {
            throw Error(start, $"expected a key, but found {start.Describe()}.");
        }

        return builder.Finish() ?? throw Error(start, "a key must not be empty or contain empty parts ('a..b', '.a', 'a.'); quote a key that contains dots.");
    }

    /// <summary>
    /// Reads simple values, substitutions, objects and arrays up to the end of the line, a comma or a
    /// closing bracket. Several simple values side by side concatenate into one string.
    /// </summary>
    private HoconValue ParseValue(string owner)
    {
        var parts = new List<HoconValue>();
        var pendingWhitespace = (string?)null;
        while (true)
        {
            var token = Peek;
            if (token.Kind is TokenKind.Newline or TokenKind.Comma or TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.End)
            {
                break;
            }

            Next();
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingWhitespace = token.Text;
                continue;
            }

            if (pendingWhitespace is not null && parts.Count > 0)
            {
                parts.Add(new HoconScalar(token.Origin, HoconScalarKind.String, pendingWhitespace));
            }

            pendingWhitespace = null;
            parts.Add(token.Kind switch
            {
                TokenKind.QuotedString => new HoconScalar(token.Origin, HoconScalarKind.String, token.Text),
                TokenKind.UnquotedText => Classify(token),
                TokenKind.Substitution => new HoconSubstitution(token.Origin, token.SubstitutionPath, token.OptionalSubstitution),
                TokenKind.OpenBrace => ParseObject(token),
                TokenKind.OpenBracket => ParseArray(token),
                _ => throw Error(token, $"unexpected {token.Describe()} in the value of {owner}; put text that contains it in double quotes."),
            });
        }

        if (parts.Count == 0)
        {
            throw Error(Peek, $"expected a value for {owner}, but found {Peek.Describe()}.");
        }

        return parts.Count == 1 ? parts[0] : Concatenate(parts, owner);
    }

    private HoconValue Concatenate(List<HoconValue> parts, string owner)
    {
        if (parts.FirstOrDefault(p => p is HoconObject or HoconArray) is { } composite)
        {
            throw new HoconParseException(composite.Origin,
                $"{composite.Describe()} cannot be concatenated with other values in {owner}; write it on its own.");
        }

        if (parts.Any(p => p.IsUnresolved))
        {
            return new HoconConcatenation(parts[0].Origin, parts);
        }

        var text = new StringBuilder();
        foreach (var part in parts)
        {
            text.Append(((HoconScalar)part).Text);
        }

        return new HoconScalar(parts[0].Origin, HoconScalarKind.String, text.ToString());
    }

    private HoconArray ParseArray(Token open)
    {
        var items = new List<HoconValue>();
        while (true)
        {
            SkipWhitespaceAndNewlines();
            var token = Peek;
            switch (token.Kind)
            {
                case TokenKind.CloseBracket:
                    Next();
                    return new HoconArray(open.Origin, items);
                case TokenKind.End:
                    throw Error(token, $"expected ']' to close the array opened at line {open.Origin.Line}, column {open.Origin.Column}.");
                case TokenKind.Comma:
                    throw Error(token, "expected an array element, but found ','.");
            }

            items.Add(ParseValue("an array element"));
            SkipWhitespace();
            if (Peek.Kind == TokenKind.Comma)
            {
                Next();
            }
            else if (Peek.Kind is not (TokenKind.Newline or TokenKind.CloseBracket or TokenKind.End))
            {
                throw Error(Peek, $"expected ',' or ']' after an array element, but found {Peek.Describe()}.");
            }
        }
    }

    private static HoconScalar Classify(Token token) => token.Text switch
    {
        "true" or "false" => new HoconScalar(token.Origin, HoconScalarKind.Boolean, token.Text),
        "null" => new HoconScalar(token.Origin, HoconScalarKind.Null, token.Text),
        _ when NumberPattern().IsMatch(token.Text) => new HoconScalar(token.Origin, HoconScalarKind.Number, token.Text),
        _ => new HoconScalar(token.Origin, HoconScalarKind.String, token.Text),
    };

    /// <summary><c>include</c> as an unquoted key followed by whitespace and a quoted name or <c>required(</c>/<c>file(</c>.</summary>
    private bool IsInclude()
    {
        if (Peek is not { Kind: TokenKind.UnquotedText, Text: "include" } || _tokens[_index + 1].Kind != TokenKind.Whitespace)
        {
            return false;
        }

        var argument = _tokens[_index + 2];
        return argument.Kind == TokenKind.QuotedString || (argument.Kind == TokenKind.UnquotedText && argument.Text.EndsWith('('));
    }

    /// <summary>Reads <c>include "f"</c>, <c>include file("f")</c>, <c>include required("f")</c> or <c>include required(file("f"))</c>.</summary>
    private HoconObject ParseInclude()
    {
        var directive = Next();
        SkipWhitespace();
        var wrapper = Peek.Kind == TokenKind.UnquotedText ? Next().Text : "";
        if (wrapper is not ("" or "required(" or "file(" or "required(file("))
        {
            throw Error(directive, $"unsupported include form '{wrapper}'; use include \"file.conf\", include file(\"…\") or include required(\"…\").");
        }

        var name = Expect(TokenKind.QuotedString, "the quoted name of the file to include");
        var closing = new string(')', wrapper.Count(c => c == '('));
        if (closing.Length > 0 && Expect(TokenKind.UnquotedText, $"'{closing}'").Text != closing)
        {
            throw Error(_tokens[_index - 1], $"expected '{closing}' to close '{wrapper}'.");
        }

        return _loader.Include(name.Text, directive.Origin, _baseDirectory);
    }

    private Token Expect(TokenKind kind, string expected)
    {
        var token = Next();
        return token.Kind == kind ? token : throw Error(token, $"expected {expected}, but found {token.Describe()}.");
    }

    private void SkipWhitespace()
    {
        while (Peek.Kind == TokenKind.Whitespace)
        {
            Next();
        }
    }

    private void SkipWhitespaceAndNewlines()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            Next();
        }
    }

    private static HoconParseException Error(Token at, string problem) => new(at.Origin, problem);

    [GeneratedRegex(@"^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
