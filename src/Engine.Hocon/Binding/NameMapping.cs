using System.Text;

namespace Engine.Hocon.Binding;

/// <summary>Maps HOCON's kebab-case keys to .NET PascalCase names and back.</summary>
internal static class NameMapping
{
    /// <summary><c>max-bytes-in-flight</c> → <c>MaxBytesInFlight</c>.</summary>
    public static string ToPascalCase(string kebab)
    {
        var result = new StringBuilder(kebab.Length);
        var upperNext = true;
        foreach (var c in kebab)
        {
            if (c == '-')
            {
                upperNext = true;
                continue;
            }

            result.Append(upperNext ? char.ToUpperInvariant(c) : c);
            upperNext = false;
        }

        return result.ToString();
    }

    /// <summary><c>MaxBytesInFlight</c> → <c>max-bytes-in-flight</c>.</summary>
    public static string ToKebabCase(string pascal)
    {
        var result = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            var c = pascal[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(pascal[i - 1]) || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]))))
            {
                result.Append('-');
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
