namespace Engine.Hocon.Model;

/// <summary>The HOCON type of a scalar, as written in the source.</summary>
internal enum HoconScalarKind
{
    String,
    Number,
    Boolean,
    Null,
}
