using System.Net;

namespace Engine.Emulator.Tests.Support;

/// <summary>A body that sends its first bytes, waits until <c>sent</c> says the server has them, then fails: a client-side interruption.</summary>
internal sealed class InterruptedContent(byte[] media, int bytesBeforeFailure, Func<Task> whenSent) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(media.AsMemory(0, bytesBeforeFailure));
        await stream.FlushAsync();
        await whenSent();
        throw new IOException("simulated client-side interruption");
    }

    protected override bool TryComputeLength(out long length)
    {
        length = media.Length;
        return true;
    }
}
