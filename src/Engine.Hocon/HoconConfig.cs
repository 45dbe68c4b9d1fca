using Engine.Hocon.Binding;
using Engine.Hocon.Conversion;
using Engine.Hocon.Model;
using Engine.Hocon.Resolution;
using Engine.Hocon.Syntax;

namespace Engine.Hocon;

/// <summary>
/// An immutable HOCON configuration: parsed from a file or text, layered over fallbacks and
/// <c>--set</c> overrides, then read through typed getters or bound to options classes.
/// Substitutions resolve against the whole layered document on first read (or <see cref="Resolve"/>).
/// </summary>
public sealed class HoconConfig
{
    private readonly HoconObject _root;
    private readonly string _path;
    private readonly Lazy<HoconObject> _resolved;

    private HoconConfig(HoconObject root, string path, bool resolved)
    {
        _root = root;
        _path = path;
        _resolved = resolved ? new Lazy<HoconObject>(root) : new Lazy<HoconObject>(() => Resolver.Resolve(root));
    }

    /// <summary>A configuration without settings.</summary>
    public static HoconConfig Empty { get; } = new(HoconObject.Empty(new HoconOrigin("(empty)", 0, 0)), "", resolved: true);

    /// <summary>The path of this configuration inside the document it came from ("" for a whole document).</summary>
    public string Path => _path;

    /// <summary>Every leaf setting of this configuration as a full path, in document order (after resolution).</summary>
    public IReadOnlyList<string> Keys => KnownPaths.Leaves(Resolved).Select(leaf => FullPath(leaf.Path)).ToList();

    /// <summary>Every leaf setting as written, before resolution: includes <c>${?X}</c> values that may resolve to nothing.</summary>
    internal IReadOnlyList<string> DeclaredKeys => KnownPaths.Leaves(_root).Select(leaf => FullPath(leaf.Path)).ToList();

    private HoconObject Resolved => _resolved.Value;

    /// <summary>Parses the file at <paramref name="path"/>; <c>include</c>s resolve relative to it.</summary>
    /// <exception cref="HoconParseException">The file (or one it includes) is malformed; names file, line and column.</exception>
    /// <exception cref="HoconException">The file does not exist or cannot be read.</exception>
    public static HoconConfig Load(string path) => new(new DocumentLoader().LoadFile(path), "", resolved: false);

    /// <summary>Parses HOCON text; <paramref name="sourceName"/> appears in error messages.</summary>
    /// <param name="text">The document.</param>
    /// <param name="sourceName">A name for the text in messages, e.g. the resource it came from.</param>
    /// <param name="baseDirectory">The directory <c>include</c>s resolve against; without it, includes are an error.</param>
    public static HoconConfig Parse(string text, string sourceName = "(text)", string? baseDirectory = null) =>
        new(new DocumentLoader().ParseText(text, sourceName, baseDirectory), "", resolved: false);

    internal static HoconConfig FromResolved(HoconObject resolved, string path) => new(resolved, path, resolved: true);

    /// <summary>
    /// Layers this configuration over <paramref name="fallback"/>: this one's values win, objects merge,
    /// and substitutions in either see the combined document.
    /// </summary>
    public HoconConfig WithFallback(HoconConfig fallback) =>
        new(HoconMerge.MergeObjects(_root, fallback._root), _path, resolved: false);

    /// <summary>
    /// Applies <c>path=value</c> assignments (the CLI's <c>--set</c>), later ones winning. The value is
    /// HOCON (<c>30s</c>, <c>[a, b]</c>, <c>{ max-attempts = 3 }</c>, <c>${other.path}</c>). A path this
    /// configuration does not declare is an error naming the nearest declared ones.
    /// </summary>
    /// <exception cref="HoconException">An assignment lacks '=', names an unknown path, or has a malformed value.</exception>
    public HoconConfig WithOverrides(IEnumerable<string> assignments)
    {
        var root = _root;
        foreach (var assignment in assignments)
        {
            var separator = assignment.IndexOf('=', StringComparison.Ordinal);
            if (separator <= 0)
            {
                throw new HoconException($"Invalid override '{assignment}': expected path=value, e.g. --set engine.retry.max-delay=30s.");
            }

            // The origin names the path only: the value may be a connection string with a password.
            var pathText = assignment[..separator].Trim();
            var source = $"--set {pathText}";
            var path = HoconPath.Parse(pathText);
            var origin = new HoconOrigin(source, 0, 0);
            KnownPaths.EnsureDeclared(_root, path, origin);
            var value = Parser.ParseValue(assignment[(separator + 1)..], source, $"'{HoconPath.Render(path)}'");
            root = HoconMerge.MergeObjects(HoconObject.Nest(path, value, origin), root);
        }

        return new HoconConfig(root, _path, resolved: false);
    }

    /// <summary>Throws unless every setting this configuration writes is declared in <paramref name="schema"/> (the typo guard for user files).</summary>
    /// <exception cref="HoconException">A setting is unknown; the message names the nearest declared ones.</exception>
    public void EnsureDeclaredIn(HoconConfig schema)
    {
        foreach (var (path, value) in KnownPaths.Leaves(_root))
        {
            KnownPaths.EnsureDeclared(schema._root, path, value.Origin);
        }
    }

    /// <summary>Resolves all substitutions now, so errors surface at start-up rather than at first read.</summary>
    /// <returns>This configuration.</returns>
    /// <exception cref="HoconException">A substitution cannot be resolved or is part of a cycle.</exception>
    public HoconConfig Resolve()
    {
        _ = Resolved;
        return this;
    }

    /// <summary>True when <paramref name="path"/> exists and is not null.</summary>
    public bool HasPath(string path) => TryFind(HoconPath.Parse(path), out var value, out _) && value is not HoconScalar { IsNull: true };

    /// <summary>Where the value at <paramref name="path"/> was written.</summary>
    public HoconOrigin OriginOf(string path) => Find(path).Origin;

    public string GetString(string path) => ValueConverter.ToText(Find(path), FullPath(path));

    public int GetInt(string path) => ValueConverter.ToInt(Find(path), FullPath(path));

    public long GetLong(string path) => ValueConverter.ToLong(Find(path), FullPath(path));

    public double GetDouble(string path) => ValueConverter.ToDouble(Find(path), FullPath(path));

    /// <summary>Reads <c>true/false</c>, <c>on/off</c> or <c>yes/no</c>.</summary>
    public bool GetBoolean(string path) => ValueConverter.ToBoolean(Find(path), FullPath(path));

    /// <summary>Reads a duration: <c>250ms</c>, <c>250 ms</c>, <c>10s</c>, <c>5m</c>, <c>12h</c>, <c>1d</c>; a bare number is milliseconds.</summary>
    public TimeSpan GetDuration(string path) => ValueConverter.ToDuration(Find(path), FullPath(path));

    /// <summary>Reads a size in bytes: <c>512</c>, <c>256KiB</c>/<c>256K</c> (×1024), <c>8MiB</c>, <c>1GiB</c>, <c>10MB</c> (×10^6).</summary>
    public long GetBytes(string path) => ValueConverter.ToBytes(Find(path), FullPath(path));

    /// <summary>Reads the object at <paramref name="path"/> as a configuration of its own; errors keep naming full paths.</summary>
    public HoconConfig GetConfig(string path) => FromResolved(ValueConverter.ToObject(Find(path), FullPath(path)), FullPath(path));

    /// <summary>Reads an array, converting each element like <see cref="Get{T}"/>.</summary>
    public IReadOnlyList<T> GetList<T>(string path) => Get<List<T>>(path);

    /// <summary>Reads any supported type: the scalar types above, enums, <see cref="TimeSpan"/>, arrays/lists, or an options class.</summary>
    public T Get<T>(string path) => (T)ValueConverter.Convert(Find(path), typeof(T), FullPath(path), sizeUnits: false)!;

    /// <summary>
    /// Creates a <typeparamref name="T"/> and sets its properties from this configuration's keys
    /// (kebab-case key → PascalCase property). Unknown keys are an error; missing keys keep defaults.
    /// </summary>
    public T Bind<T>() where T : new() => (T)OptionsBinder.Bind(Resolved, typeof(T), _path);

    /// <inheritdoc />
    public override string ToString() => _path.Length == 0 ? "HoconConfig" : $"HoconConfig({_path})";

    private HoconValue Find(string path)
    {
        var segments = HoconPath.Parse(path);
        return TryFind(segments, out var value, out var problem) ? value : throw new HoconException(problem);
    }

    private bool TryFind(IReadOnlyList<string> segments, out HoconValue value, out string problem)
    {
        value = Resolved;
        for (var i = 0; i < segments.Count; i++)
        {
            var parentPath = FullPath(segments.Take(i));
            if (value is not HoconObject parent)
            {
                problem = $"Missing setting '{FullPath(segments)}': '{parentPath}' at {value.Origin} is {value.Describe()}, not an object.";
                return false;
            }

            if (!parent.Fields.TryGetValue(segments[i], out value!))
            {
                var where = parentPath.Length == 0 ? "the configuration" : $"'{parentPath}' (at {parent.Origin})";
                problem = $"Missing setting '{FullPath(segments)}': {where} has no key '{segments[i]}'.";
                return false;
            }
        }

        problem = "";
        return true;
    }

    private string FullPath(string path) => FullPath(HoconPath.Parse(path));

    private string FullPath(IEnumerable<string> segments)
    {
        var relative = HoconPath.Render(segments);
        return _path.Length == 0 || relative.Length == 0 ? _path + relative : $"{_path}.{relative}";
    }
}
