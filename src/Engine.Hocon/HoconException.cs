namespace Engine.Hocon;

/// <summary>
/// A configuration problem: a missing or mistyped setting, an unresolvable substitution, an unknown
/// key. The message names the setting's path and where its value came from.
/// </summary>
public class HoconException : Exception
{
    /// <summary>Creates the exception with a message that names the path and origin concerned.</summary>
    public HoconException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public HoconException(string message, Exception inner) : base(message, inner)
    {
    }
}
