using System.Buffers;
using System.IO.Pipelines;
using Engine.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Uploads;

/// <summary>
/// Streams a PUT body into the session's file through one pooled buffer: Kestrel hands over small segments,
/// which are gathered into large writes, and whatever is gathered is written whenever the body pauses, so a
/// status query never misses bytes that arrived. Stores at most <c>storeLimit</c> bytes; past it, either
/// stops reading (an injected reset) or reads and discards the rest (an injected partial store). A body cut
/// off by the client keeps the bytes that arrived.
/// </summary>
internal static class RequestBodyAppender
{
    private const int BufferSize = 256 * 1024;

    public static async Task<AppendResult> AppendAsync(
        HttpContext context, UploadSession session, long storeLimit, bool stopAtLimit, BandwidthThrottle? throttle)
    {
        var reader = context.Request.BodyReader;
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var gathered = 0;
        long stored = 0, received = 0;
        using var file = session.OpenForAppend();

        async ValueTask WriteGatheredAsync()
        {
            if (gathered > 0)
            {
                await session.AppendAsync(file, buffer.AsMemory(0, gathered)).ConfigureAwait(false);
                gathered = 0;
            }
        }

        var piece = throttle?.PieceSize(BufferSize) ?? long.MaxValue;
        try
        {
            while (true)
            {
                if (throttle is not null)
                {
                    // Capped: what is stored so far is shown, then the next piece is taken only when the cap allows it.
                    // (Taking whatever arrived and pausing afterwards would store a whole socket buffer at once.)
                    await WriteGatheredAsync().ConfigureAwait(false);
                    await throttle.PaceAsync(received, context.RequestAborted).ConfigureAwait(false);
                }

                if (!reader.TryRead(out var result))
                {
                    await WriteGatheredAsync().ConfigureAwait(false);
                    result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                }

                var taken = result.Buffer.Slice(0, Math.Min(result.Buffer.Length, piece));
                foreach (var segment in taken)
                {
                    var keep = segment[..(int)Math.Min(segment.Length, storeLimit - stored)];
                    stored += keep.Length;
                    while (!keep.IsEmpty)
                    {
                        var take = Math.Min(keep.Length, buffer.Length - gathered);
                        keep.Span[..take].CopyTo(buffer.AsSpan(gathered));
                        gathered += take;
                        keep = keep[take..];
                        if (gathered == buffer.Length)
                        {
                            await WriteGatheredAsync().ConfigureAwait(false);
                        }
                    }
                }

                received += taken.Length;
                reader.AdvanceTo(taken.End);
                var limitReached = stopAtLimit && stored >= storeLimit;
                if (limitReached || (result.IsCompleted && taken.End.Equals(result.Buffer.End)))
                {
                    await WriteGatheredAsync().ConfigureAwait(false);
                    return new AppendResult(stored, received, Interrupted: false, LimitReached: limitReached);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client went away mid-body: like Google, keep what arrived so a status query reports it.
            await WriteGatheredAsync().ConfigureAwait(false);
            return new AppendResult(stored, received, Interrupted: true, LimitReached: false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>What one PUT body delivered: bytes stored, bytes received, and whether it was cut off or stopped at the store limit.</summary>
internal readonly record struct AppendResult(long Stored, long Received, bool Interrupted, bool LimitReached);
