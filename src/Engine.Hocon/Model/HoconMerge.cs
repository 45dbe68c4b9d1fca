namespace Engine.Hocon.Model;

/// <summary>
/// HOCON's merge rule for a key given twice (or a config over its fallback): objects merge field by
/// field, anything else lets the later value win. When substitutions make the outcome unknown until
/// resolution, the values are kept as a <see cref="HoconDelayedMerge"/>.
/// </summary>
internal static class HoconMerge
{
    /// <summary>Merges <paramref name="over"/> (later, wins) onto <paramref name="under"/>; neither input is modified.</summary>
    public static HoconValue Merge(HoconValue over, HoconValue under)
    {
        if (over is HoconObject overObject && under is HoconObject underObject)
        {
            return MergeObjects(overObject, underObject);
        }

        if (!over.IsUnresolved && (over is not HoconObject || !under.IsUnresolved))
        {
            return over;
        }

        return new HoconDelayedMerge([.. Layers(over), .. Layers(under)]);
    }

    /// <summary>Merges two objects: fields of <paramref name="over"/> win, fields only in <paramref name="under"/> stay.</summary>
    public static HoconObject MergeObjects(HoconObject over, HoconObject under)
    {
        var fields = new OrderedDictionary<string, HoconValue>(under.Fields, StringComparer.Ordinal);
        foreach (var (key, value) in over.Fields)
        {
            fields[key] = fields.TryGetValue(key, out var earlier) ? Merge(value, earlier) : value;
        }

        return new HoconObject(over.Origin, fields);
    }

    private static IEnumerable<HoconValue> Layers(HoconValue value) =>
        value is HoconDelayedMerge merge ? merge.Layers : [value];
}
