using System.Text;

namespace Engine.Hocon;

/// <summary>
/// Path expressions (<c>engine.retry.max-delay</c>, <c>a."b.c".d</c>): split into segments at
/// unquoted dots, and rendered back with quotes where a segment needs them.
/// </summary>
internal static class HoconPath
{
    /// <summary>Parses a path given in code or on the command line.</summary>
    /// <exception cref="HoconException">The path is empty, has an empty segment or an unclosed quote.</exception>
    public static IReadOnlyList<string> Parse(string path)
    {
        var builder = new SegmentBuilder();
        var i = 0;
        while (i < path.Length)
        {
            if (path[i] == '"')
            {
                var close = path.IndexOf('"', i + 1);
                if (close < 0)
                {
                    throw new HoconException($"Invalid path '{path}': the quote at position {i + 1} is never closed.");
                }

                builder.AddQuoted(path[(i + 1)..close]);
                i = close + 1;
            }
            else
            {
                var next = path.IndexOf('"', i);
                var end = next < 0 ? path.Length : next;
                builder.AddUnquoted(path[i..end]);
                i = end;
            }
        }

        return builder.Finish() ?? throw new HoconException(
            $"Invalid path '{path}': paths are keys joined by single dots (e.g. engine.retry.max-delay), with no empty key.");
    }

    /// <summary>Renders segments as a path expression, quoting any segment that is not a plain key.</summary>
    public static string Render(IEnumerable<string> segments) =>
        string.Join('.', segments.Select(s => NeedsQuotes(s) ? $"\"{s}\"" : s));

    /// <summary>Renders <paramref name="prefix"/> followed by <paramref name="key"/>.</summary>
    public static string Join(string prefix, string key)
    {
        var rendered = Render([key]);
        return prefix.Length == 0 ? rendered : $"{prefix}.{rendered}";
    }

    private static bool NeedsQuotes(string segment) =>
        segment.Length == 0 || segment.Any(c => c is '.' or '"' or '$' or '{' or '}' or '[' or ']' or ':' or '=' or ',' or '#' || char.IsWhiteSpace(c));

    /// <summary>
    /// Accumulates the pieces of a key: unquoted text splits at dots, quoted text never does, and
    /// adjacent pieces join into one segment (<c>a."b".c</c> is three segments).
    /// </summary>
    internal sealed class SegmentBuilder
    {
        private readonly List<string> _segments = [];
        private readonly StringBuilder _current = new();
        private bool _currentStarted;
        private bool _emptySegment;

        public void AddQuoted(string text)
        {
            _current.Append(text);
            _currentStarted = true;
        }

        public void AddUnquoted(string text)
        {
            foreach (var c in text)
            {
                if (c == '.')
                {
                    CloseSegment();
                }
                else
                {
                    _current.Append(c);
                    _currentStarted = true;
                }
            }
        }

        /// <summary>The segments, or null when the path is empty or has an empty segment.</summary>
        public IReadOnlyList<string>? Finish()
        {
            CloseSegment();
            return _emptySegment || _segments.Count == 0 ? null : _segments;
        }

        private void CloseSegment()
        {
            if (!_currentStarted)
            {
                _emptySegment = true;
            }

            _segments.Add(_current.ToString());
            _current.Clear();
            _currentStarted = false;
        }
    }
}
