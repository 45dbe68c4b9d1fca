using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Http;

/// <summary>
/// The caller's identity: a SHA-256 fingerprint of its bearer token. Sessions and operations are bound to it,
/// and the token itself is never stored or logged.
/// </summary>
internal static class BearerIdentity
{
    /// <summary>Returns the token's fingerprint, or null when the request has no usable <c>Authorization: Bearer</c> header.</summary>
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header[scheme.Length..].Trim();
        return token.Length == 0 ? null : Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}
