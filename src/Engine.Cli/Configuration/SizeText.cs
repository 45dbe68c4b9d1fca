using System.Text.Json;
using Engine.Cli.Running;
using Engine.Hocon;

namespace Engine.Cli.Configuration;

/// <summary>Sizes on the command line, spelt as in HOCON (<c>512</c>, <c>256KiB</c>, <c>32MiB</c>, <c>1GiB</c>, <c>10MB</c>).</summary>
internal static class SizeText
{
    /// <summary>The bytes <paramref name="text"/> denotes.</summary>
    /// <exception cref="UsageException">It is not a size.</exception>
    public static long Parse(string option, string text)
    {
        try
        {
            // The configuration reader owns the one definition of size units; the quotes keep the text one value.
            return HoconConfig.Parse($"size = {JsonSerializer.Serialize(text)}", option).GetBytes("size");
        }
        catch (HoconException)
        {
            throw new UsageException($"{option}: '{text}' is not a size; write e.g. 512, 256KiB, 32MiB or 1GiB.");
        }
    }
}
