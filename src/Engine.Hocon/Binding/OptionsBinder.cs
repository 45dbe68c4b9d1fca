using System.Reflection;
using Engine.Hocon.Conversion;
using Engine.Hocon.Model;

namespace Engine.Hocon.Binding;

/// <summary>
/// Fills an options object from a config section: each kebab-case key sets the PascalCase property
/// of the same name (settable or init-only). Keys without a property are an error (a typo must not
/// be silently ignored); properties without a key keep their default. Whole-number properties whose
/// name ends in <c>Size</c>/<c>Sizes</c> or contains <c>Bytes</c> also accept sizes such as <c>128KiB</c>.
/// </summary>
internal static class OptionsBinder
{
    /// <summary>Creates a <paramref name="type"/> (which has a public parameterless constructor) and binds <paramref name="section"/> to it.</summary>
    public static object Bind(HoconObject section, Type type, string path)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        var matches = section.Fields.Select(f => (Key: f.Key, Value: f.Value, Property: properties.GetValueOrDefault(NameMapping.ToPascalCase(f.Key)))).ToList();
        var unknown = matches.Where(m => m.Property is null).ToList();
        if (unknown.Count > 0)
        {
            var known = string.Join(", ", properties.Keys.Select(NameMapping.ToKebabCase));
            var listed = string.Join(", ", unknown.Select(u => $"'{HoconPath.Join(path, u.Key)}' at {u.Value.Origin}"));
            throw new HoconException($"Unknown setting {listed}: {type.Name} has no such property. Known keys of '{DisplayPath(path)}': {known}.");
        }

        var instance = Activator.CreateInstance(type)!;
        foreach (var (key, value, property) in matches)
        {
            if (value is HoconScalar { IsNull: true })
            {
                continue; // null means "not set": the property keeps its default
            }

            var keyPath = HoconPath.Join(path, key);
            if (property!.SetMethod is not { IsPublic: true })
            {
                throw new HoconException($"Cannot bind '{keyPath}' at {value.Origin}: {type.Name}.{property.Name} has no public setter or init accessor.");
            }

            property.SetValue(instance, ValueConverter.Convert(value, property.PropertyType, keyPath, AcceptsSizes(property)));
        }

        return instance;
    }

    /// <summary>Size units apply to whole numbers (and lists of them) named <c>…Size</c>, <c>…Sizes</c> or <c>…Bytes…</c>.</summary>
    private static bool AcceptsSizes(PropertyInfo property) =>
        property.Name.EndsWith("Size", StringComparison.Ordinal)
        || property.Name.EndsWith("Sizes", StringComparison.Ordinal)
        || property.Name.Contains("Bytes", StringComparison.Ordinal);

    private static string DisplayPath(string path) => path.Length == 0 ? "(root)" : path;
}
