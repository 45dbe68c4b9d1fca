using Engine.Hocon.Model;

namespace Engine.Hocon.Syntax;

/// <summary>
/// Reads configuration files and the files they include, relative to the including file, and
/// refuses include cycles. One loader serves one top-level load.
/// </summary>
internal sealed class DocumentLoader
{
    private readonly List<string> _chain = [];

    /// <summary>Parses the file at <paramref name="path"/>.</summary>
    /// <exception cref="HoconException">The file is missing or unreadable, or its content is malformed.</exception>
    public HoconObject LoadFile(string path)
    {
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new HoconException($"Configuration file '{path}' does not exist (looked for {fullPath}).");
        }

        return ParseFile(path, fullPath);
    }

    /// <summary>Parses <paramref name="text"/>; includes in it resolve against <paramref name="baseDirectory"/>.</summary>
    public HoconObject ParseText(string text, string source, string? baseDirectory) =>
        Parser.ParseDocument(text, source, baseDirectory, this);

    /// <summary>Parses the file named by an <c>include</c> directive written at <paramref name="at"/>.</summary>
    /// <exception cref="HoconParseException">The file is missing, the source has no directory, or the include is circular.</exception>
    public HoconObject Include(string name, HoconOrigin at, string? baseDirectory)
    {
        if (baseDirectory is null)
        {
            throw new HoconParseException(at, $"cannot include '{name}': {at.Source} is not a file, so there is no directory to resolve it against.");
        }

        var fullPath = Path.GetFullPath(Path.Combine(baseDirectory, name));
        if (!File.Exists(fullPath))
        {
            throw new HoconParseException(at, $"cannot include '{name}': {fullPath} does not exist.");
        }

        if (_chain.Contains(fullPath, StringComparer.Ordinal))
        {
            throw new HoconParseException(at, $"include cycle: {string.Join(" -> ", _chain.Append(fullPath))}.");
        }

        return ParseFile(fullPath, fullPath);
    }

    private HoconObject ParseFile(string displayName, string fullPath)
    {
        string text;
        try
        {
            text = File.ReadAllText(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new HoconException($"Configuration file '{fullPath}' cannot be read: {e.Message}", e);
        }

        _chain.Add(fullPath);
        try
        {
            return ParseText(text, displayName, Path.GetDirectoryName(fullPath));
        }
        finally
        {
            _chain.RemoveAt(_chain.Count - 1);
        }
    }
}
