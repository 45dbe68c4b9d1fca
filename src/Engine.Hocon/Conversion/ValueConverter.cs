using System.Globalization;
using Engine.Hocon.Binding;
using Engine.Hocon.Model;

namespace Engine.Hocon.Conversion;

/// <summary>
/// Reads resolved values as .NET types; the one place that decides what a string, number, duration,
/// size or enum may look like, shared by the typed getters and by options binding.
/// Every error names the setting's path and the file, line and column of its value.
/// </summary>
internal static class ValueConverter
{
    private static readonly HashSet<Type> ListInterfaces =
    [
        typeof(List<>), typeof(IList<>), typeof(IReadOnlyList<>), typeof(IEnumerable<>), typeof(ICollection<>), typeof(IReadOnlyCollection<>),
    ];

    public static string ToText(HoconValue value, string path) =>
        value is HoconScalar { IsNull: false } scalar ? scalar.Text : throw Mismatch(value, path, "a string");

    public static bool ToBoolean(HoconValue value, string path) => ScalarText(value) switch
    {
        "true" or "yes" or "on" => true,
        "false" or "no" or "off" => false,
        _ => throw Mismatch(value, path, "a boolean (true/false, on/off, yes/no)"),
    };

    public static long ToLong(HoconValue value, string path) =>
        long.TryParse(ScalarText(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Mismatch(value, path, $"a whole number between {long.MinValue} and {long.MaxValue}");

    public static int ToInt(HoconValue value, string path) =>
        int.TryParse(ScalarText(value), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var result)
            ? result
            : throw Mismatch(value, path, $"a whole number between {int.MinValue} and {int.MaxValue}");

    public static double ToDouble(HoconValue value, string path) =>
        double.TryParse(ScalarText(value), NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && double.IsFinite(result)
            ? result
            : throw Mismatch(value, path, "a number");

    public static TimeSpan ToDuration(HoconValue value, string path) =>
        DurationUnits.TryParse(ScalarText(value) ?? "") ?? throw Mismatch(value, path, DurationUnits.Examples);

    public static long ToBytes(HoconValue value, string path) =>
        SizeUnits.TryParse(ScalarText(value) ?? "") ?? throw Mismatch(value, path, SizeUnits.Examples);

    public static HoconObject ToObject(HoconValue value, string path) =>
        value as HoconObject ?? throw Mismatch(value, path, "an object");

    public static IReadOnlyList<HoconValue> ToList(HoconValue value, string path) =>
        value is HoconArray array ? array.Items : throw Mismatch(value, path, "an array");

    /// <summary>Matches an enum member by name in any case, ignoring '-' and '_': <c>postgresql</c>, <c>PostgreSql</c>, <c>postgre-sql</c>.</summary>
    public static object ToEnum(HoconValue value, Type enumType, string path)
    {
        var wanted = Normalize(ScalarText(value) ?? "");
        foreach (var name in Enum.GetNames(enumType))
        {
            if (string.Equals(Normalize(name), wanted, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse(enumType, name);
            }
        }

        var allowed = string.Join(", ", Enum.GetNames(enumType).Select(NameMapping.ToKebabCase));
        throw Mismatch(value, path, $"one of {allowed}");

        static string Normalize(string name) => name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
    }

    /// <summary>
    /// Converts <paramref name="value"/> to <paramref name="type"/>. With <paramref name="sizeUnits"/>,
    /// whole-number types also accept sizes (<c>128KiB</c>). Null converts to null for reference and
    /// nullable types.
    /// </summary>
    public static object? Convert(HoconValue value, Type type, string path, bool sizeUnits)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (value is HoconScalar { IsNull: true } && (underlying is not null || !type.IsValueType))
        {
            return null;
        }

        var target = underlying ?? type;
        return target switch
        {
            _ when target == typeof(string) => ToText(value, path),
            _ when target == typeof(bool) => ToBoolean(value, path),
            _ when target == typeof(double) => ToDouble(value, path),
            _ when target == typeof(TimeSpan) => ToDuration(value, path),
            _ when target == typeof(long) => sizeUnits ? ToBytes(value, path) : ToLong(value, path),
            _ when target == typeof(int) => sizeUnits ? ToIntBytes(value, path) : ToInt(value, path),
            { IsEnum: true } => ToEnum(value, target, path),
            _ when target == typeof(HoconConfig) => HoconConfig.FromResolved(ToObject(value, path), path),
            _ when ListElementType(target) is { } elementType => ToTypedList(value, target, elementType, path, sizeUnits),
            _ when IsOptionsClass(target) => OptionsBinder.Bind(ToObject(value, path), target, path),
            _ => throw new HoconException(
                $"Setting '{path}' at {value.Origin} cannot be read as {target.Name}: supported are string, int, long, double, bool, enums, " +
                "TimeSpan, arrays and lists of these, HoconConfig and classes with a public parameterless constructor."),
        };
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type.GetConstructor(Type.EmptyTypes) is not null && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    private static int ToIntBytes(HoconValue value, string path)
    {
        var bytes = ToBytes(value, path);
        return bytes <= int.MaxValue ? (int)bytes : throw Mismatch(value, path, $"a size of at most {int.MaxValue} bytes");
    }

    private static Type? ListElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        return type.IsGenericType && ListInterfaces.Contains(type.GetGenericTypeDefinition()) ? type.GetGenericArguments()[0] : null;
    }

    private static object ToTypedList(HoconValue value, Type listType, Type elementType, string path, bool sizeUnits)
    {
        var items = ToList(value, path);
        var result = Array.CreateInstance(elementType, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            result.SetValue(Convert(items[i], elementType, $"{path}[{i}]", sizeUnits), i);
        }

        return listType.IsArray ? result : Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType), result)!;
    }

    private static string? ScalarText(HoconValue value) => value is HoconScalar { IsNull: false } scalar ? scalar.Text : null;

    private static HoconException Mismatch(HoconValue value, string path, string expected) =>
        new($"Setting '{path}' at {value.Origin}: expected {expected}, but found {value.Describe()}.");
}
