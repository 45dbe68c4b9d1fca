namespace Engine.Hocon.Model;

/// <summary>A HOCON object; fields keep the order in which they were first written.</summary>
internal sealed class HoconObject(HoconOrigin origin, OrderedDictionary<string, HoconValue> fields) : HoconValue(origin)
{
    private readonly OrderedDictionary<string, HoconValue> _fields = fields;

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    public static HoconObject Empty(HoconOrigin origin) => new(origin, new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal));

    /// <summary>Wraps <paramref name="leaf"/> in one object per segment: <c>a.b = v</c> becomes <c>a { b = v }</c>.</summary>
    public static HoconObject Nest(IReadOnlyList<string> segments, HoconValue leaf, HoconOrigin origin)
    {
        HoconValue value = leaf;
        for (var i = segments.Count - 1; i >= 0; i--)
        {
            var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal) { [segments[i]] = value };
            value = new HoconObject(origin, fields);
        }

        return (HoconObject)value;
    }

    public override string Describe() => "an object";
}
