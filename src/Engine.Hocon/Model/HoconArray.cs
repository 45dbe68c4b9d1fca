namespace Engine.Hocon.Model;

/// <summary>A HOCON array.</summary>
internal sealed class HoconArray(HoconOrigin origin, IReadOnlyList<HoconValue> items) : HoconValue(origin)
{
    public IReadOnlyList<HoconValue> Items { get; } = items;

    public override string Describe() => "an array";
}
