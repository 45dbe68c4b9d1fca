namespace Engine.Hocon.Model;

/// <summary>A node of a parsed HOCON tree; every node remembers where it was written.</summary>
internal abstract class HoconValue(HoconOrigin origin)
{
    public HoconOrigin Origin { get; } = origin;

    /// <summary>True while the node still holds substitutions, i.e. before resolution.</summary>
    public virtual bool IsUnresolved => false;

    /// <summary>A short noun for error messages ("an object", "a string").</summary>
    public abstract string Describe();
}
