using Engine.Hocon.Model;

namespace Engine.Hocon.Resolution;

/// <summary>
/// The settings a document declares (before resolution, so <c>${?X}</c> defaults count as declared),
/// and the typo guard: a path that is not declared is an error naming the nearest declared ones.
/// </summary>
internal static class KnownPaths
{
    private const int Suggestions = 3;

    /// <summary>Every leaf (a value that is not an object, or an empty object) with its path, in document order.</summary>
    public static IEnumerable<(IReadOnlyList<string> Path, HoconValue Value)> Leaves(HoconValue value) => Leaves(value, []);

    /// <summary>Throws unless <paramref name="path"/> is declared in <paramref name="root"/>.</summary>
    /// <param name="root">The document that defines the known settings.</param>
    /// <param name="path">The path to check.</param>
    /// <param name="origin">Where the path was written, for the message.</param>
    public static void EnsureDeclared(HoconObject root, IReadOnlyList<string> path, HoconOrigin origin)
    {
        if (IsDeclared(root, path))
        {
            return;
        }

        var wanted = HoconPath.Render(path);
        var nearest = Leaves(root)
            .Select(leaf => HoconPath.Render(leaf.Path))
            .OrderBy(known => EditDistance(known, wanted))
            .ThenBy(known => known, StringComparer.Ordinal)
            .Take(Suggestions);
        throw new HoconException(
            $"Unknown setting '{wanted}' ({origin}). Nearest known settings: {string.Join(", ", nearest)}. " +
            "Check the spelling; hocon/engine.conf and docs/configuration.md list every setting.");
    }

    private static bool IsDeclared(HoconValue node, IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            return true;
        }

        return Objects(node).Any(o => o.Fields.TryGetValue(path[0], out var child) && IsDeclared(child, path.Skip(1).ToList()));
    }

    /// <summary>The objects a node may turn out to be: itself, or the object layers of a pending merge.</summary>
    private static IEnumerable<HoconObject> Objects(HoconValue node) => node switch
    {
        HoconObject o => [o],
        HoconDelayedMerge m => m.Layers.OfType<HoconObject>(),
        _ => [],
    };

    private static IEnumerable<(IReadOnlyList<string> Path, HoconValue Value)> Leaves(HoconValue node, IReadOnlyList<string> prefix)
    {
        var objects = Objects(node).ToList();
        var keys = objects.SelectMany(o => o.Fields.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count == 0)
        {
            return prefix.Count == 0 ? [] : [(prefix, node)];
        }

        return keys.SelectMany(key => objects
            .Where(o => o.Fields.ContainsKey(key))
            .Select(o => o.Fields[key])
            .Take(1)
            .SelectMany(child => Leaves(child, [.. prefix, key])));
    }

    /// <summary>Levenshtein distance: how many single-character edits turn one path into the other.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
