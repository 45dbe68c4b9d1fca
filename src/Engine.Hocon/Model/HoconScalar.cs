namespace Engine.Hocon.Model;

/// <summary>
/// A string, number, boolean or null. The text is kept exactly as written (minus quotes), so typed
/// getters decide how to read it: <c>10s</c> is a string that a duration getter understands.
/// </summary>
internal sealed class HoconScalar(HoconOrigin origin, HoconScalarKind kind, string text) : HoconValue(origin)
{
    public HoconScalarKind Kind { get; } = kind;

    public string Text { get; } = text;

    public bool IsNull => Kind == HoconScalarKind.Null;

    public override string Describe() => Kind switch
    {
        HoconScalarKind.Null => "null",
        HoconScalarKind.Number => $"the number {Text}",
        HoconScalarKind.Boolean => $"the boolean {Text}",
        _ => $"'{Text}'",
    };
}
