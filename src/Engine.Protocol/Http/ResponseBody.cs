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

    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> of the body (for error messages); reports whether more followed.
    /// Memory grows with the body actually received, not with the bound, so thousands of small answers stay cheap.
    /// </summary>
    public static async Task<(string Text, bool Truncated)> ReadPrefixAsync(HttpContent content, int maxBytes, CancellationToken cancellationToken)
    {
        var received = new ArrayBufferWriter<byte>(Math.Min(maxBytes + 1, 4096));
        await using var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        while (received.WrittenCount <= maxBytes)
        {
            var space = received.GetMemory(1);
            var read = await stream.ReadAsync(space[..Math.Min(space.Length, maxBytes + 1 - received.WrittenCount)], cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            received.Advance(read);
        }
        var truncated = received.WrittenCount > maxBytes;
        return (Encoding.UTF8.GetString(received.WrittenSpan[..Math.Min(received.WrittenCount, maxBytes)]), truncated);
    }
}
