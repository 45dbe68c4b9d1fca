namespace Engine.Hocon.Model;

/// <summary><c>${path}</c> or, when <see cref="Optional"/>, <c>${?path}</c>: replaced by another value at resolution.</summary>
internal sealed class HoconSubstitution(HoconOrigin origin, IReadOnlyList<string> path, bool optional) : HoconValue(origin)
{
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    public override bool IsUnresolved => true;

    public override string Describe() => ToString();

    public override string ToString() => $"${{{(Optional ? "?" : "")}{HoconPath.Render(Path)}}}";
}
