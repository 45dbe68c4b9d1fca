using System.Buffers.Text;
using System.Security.Cryptography;

namespace Engine.Emulator.Http;

/// <summary>Generates unguessable ids and checks ids received from clients (no path separators, dots or oddities).</summary>
internal static class ResourceIds
{
    private const int MaxLength = 128;

    /// <summary>A URL-safe random id of <paramref name="bytes"/> random bytes.</summary>
    public static string NewId(int bytes = 18) => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Whether <paramref name="id"/> is 1..128 characters of <c>[A-Za-z0-9_-]</c>: nothing that could traverse a path.</summary>
    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
