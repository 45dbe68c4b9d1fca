using System.Globalization;
using System.Text.RegularExpressions;

namespace Engine.Hocon.Conversion;

/// <summary>
/// A number followed by an optional unit word, as HOCON writes durations and sizes: <c>250ms</c>,
/// <c>250 ms</c>, <c>1.5 GiB</c>, <c>512</c>. Looks the unit up in a table and multiplies.
/// </summary>
internal static partial class UnitQuantity
{
    /// <summary>The number times its unit's factor; null when the text is not a number and a unit of <paramref name="units"/>.</summary>
    public static decimal? TryParse(string text, IReadOnlyDictionary<string, decimal> units)
    {
        var match = Pattern().Match(text);
        if (!match.Success || !units.TryGetValue(match.Groups["unit"].Value, out var factor))
        {
            return null;
        }

        if (!decimal.TryParse(match.Groups["number"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        try
        {
            return number * factor;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Builds a unit table where each group of spellings shares one factor.</summary>
    public static IReadOnlyDictionary<string, decimal> Table(params (decimal Factor, string[] Spellings)[] groups) =>
        groups.SelectMany(g => g.Spellings.Select(s => (s, g.Factor))).ToDictionary(p => p.s, p => p.Factor, StringComparer.Ordinal);

    [GeneratedRegex(@"^\s*(?<number>[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)\s*(?<unit>[A-Za-z]*)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
