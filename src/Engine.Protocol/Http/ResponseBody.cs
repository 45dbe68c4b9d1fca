using System.Buffers;
using System.Text;

namespace Engine.Protocol.Http;

/// <summary>Reads response bodies with a size bound, so a hostile or broken server cannot exhaust memory.</summary>
public static class ResponseBody
{
    /// <summary>Largest JSON body accepted (a created resource, an Operation, a file or revision list).</summary>
    public const int MaxJsonBytes = 1 << 20;

    /// <summary>Longest server error message kept in an outcome or exception.</summary>
    public const int MaxErrorChars = 500;

    /// <summary>Reads the whole body as UTF-8, or throws <see cref="ProtocolViolationException"/> beyond <paramref name="maxBytes"/>.</summary>
    public static async Task<string> ReadAsync(HttpContent content, int maxBytes, string what, CancellationToken cancellationToken)
    {
        var (text, truncated) = await ReadPrefixAsync(content, maxBytes, cancellationToken).ConfigureAwait(false);
        if (truncated)
            throw new ProtocolViolationException($"The server's {what} is larger than {maxBytes} bytes; refusing to read it. The server is misbehaving.");
        return text;
    }

    /// <summary>Reads at most <paramref name="maxBytes"/> of the body (for error messages); reports whether more followed.</summary>
    public static async Task<(string Text, bool Truncated)> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(maxBytes + 1);
        try
        {
            await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var filled = 0;
            while (filled <= maxBytes)
            {
                var read = await stream.ReadAsync(buffer.AsMemory(filled, maxBytes + 1 - filled), cancellationToken).ConfigureAwait(false);
                if (read == 0) break;
                filled += read;
            }
            var truncated = filled > maxBytes;
            return (Encoding.UTF8.GetString(buffer, 0, Math.Min(filled, maxBytes)), truncated);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
