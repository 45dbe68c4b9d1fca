namespace Engine.Hocon;

/// <summary>Malformed HOCON text: names the source, the 1-based line and column, and what was expected.</summary>
public sealed class HoconParseException : HoconException
{
    /// <summary>Creates the exception for a syntax error at <paramref name="origin"/>.</summary>
    public HoconParseException(HoconOrigin origin, string problem)
        : base($"{origin}: {problem}")
    {
        Origin = origin;
        Problem = problem;
    }

    /// <summary>Where the error is.</summary>
    public HoconOrigin Origin { get; }

    /// <summary>The error without its position prefix.</summary>
    public string Problem { get; }
}
