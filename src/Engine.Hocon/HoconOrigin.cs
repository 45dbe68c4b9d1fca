namespace Engine.Hocon;

/// <summary>Where a configuration value came from: a file (or other source) and a position in it.</summary>
/// <param name="Source">The file path, <c>--set …</c> assignment or <c>environment variable NAME</c>.</param>
/// <param name="Line">1-based line, or 0 when the source has no lines (an environment variable).</param>
/// <param name="Column">1-based column, or 0 when the source has no lines.</param>
public readonly record struct HoconOrigin(string Source, int Line, int Column)
{
    /// <summary>The origin of a value read from the environment variable <paramref name="name"/>.</summary>
    public static HoconOrigin EnvironmentVariable(string name) => new($"environment variable {name}", 0, 0);

    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"{Source}:{Line}:{Column}" : Source;
}
