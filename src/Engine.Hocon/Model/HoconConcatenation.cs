namespace Engine.Hocon.Model;

/// <summary>
/// Simple values written side by side on one line, at least one being a substitution
/// (<c>"jdbc:"${host}</c>): becomes one string once the substitutions are resolved. Whitespace
/// between the parts is kept as string parts.
/// </summary>
internal sealed class HoconConcatenation(HoconOrigin origin, IReadOnlyList<HoconValue> parts) : HoconValue(origin)
{
    public IReadOnlyList<HoconValue> Parts { get; } = parts;

    public override bool IsUnresolved => true;

    public override string Describe() => "a concatenation";
}
