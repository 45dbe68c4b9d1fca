namespace Engine.Hocon.Model;

/// <summary>
/// Values assigned to one key where the outcome depends on substitutions: an undefined
/// <c>${?x}</c> leaves the earlier value in place, and an object merges with the objects below it.
/// Layers are ordered from the latest (highest priority) to the earliest.
/// </summary>
internal sealed class HoconDelayedMerge(IReadOnlyList<HoconValue> layers) : HoconValue(layers[0].Origin)
{
    public IReadOnlyList<HoconValue> Layers { get; } = layers;

    public override bool IsUnresolved => true;

    public override string Describe() => "a merge of several values";
}
