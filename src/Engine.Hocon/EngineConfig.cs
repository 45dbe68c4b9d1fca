using Engine.Hocon.Resolution;

namespace Engine.Hocon;

/// <summary>
/// The engine's configuration layers: the defaults of <c>hocon/engine.conf</c> (embedded in this
/// assembly, so no working directory matters), then an optional user file, then <c>--set</c> overrides.
/// </summary>
public static class EngineConfig
{
    /// <summary>The manifest resource name of the embedded <c>hocon/engine.conf</c>.</summary>
    public const string DefaultsResourceName = "Engine.Hocon.engine.conf";

    private const string DefaultsSource = "hocon/engine.conf (embedded)";

    private static readonly Lazy<string> DefaultsText = new(ReadDefaultsText);

    /// <summary>The defaults alone (unresolved until read, so <c>${?ENGINE_POSTGRESQL}</c> is read at that time).</summary>
    public static HoconConfig LoadDefaults() => HoconConfig.Parse(DefaultsText.Value, DefaultsSource);

    /// <summary>
    /// Defaults, then <paramref name="userFile"/> (when given), then <paramref name="overrides"/>
    /// (<c>path=value</c>), resolved. The user file and the overrides may only set settings the
    /// defaults declare; anything else is an error naming the nearest known settings.
    /// </summary>
    /// <exception cref="HoconException">A file is missing or malformed, a setting is unknown, or a substitution cannot be resolved.</exception>
    public static HoconConfig Load(string? userFile = null, IEnumerable<string>? overrides = null)
    {
        var defaults = LoadDefaults();
        var config = defaults;
        if (userFile is not null)
        {
            var user = HoconConfig.Load(userFile);
            user.EnsureDeclaredIn(defaults);
            config = user.WithFallback(defaults);
        }

        return config.WithOverrides(overrides ?? []).Resolve();
    }

    private static string ReadDefaultsText()
    {
        using var stream = typeof(EngineConfig).Assembly.GetManifestResourceStream(DefaultsResourceName)
            ?? throw new InvalidOperationException($"The resource {DefaultsResourceName} is missing from {typeof(EngineConfig).Assembly.GetName().Name}; the build must embed hocon/engine.conf.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
