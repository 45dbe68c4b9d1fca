using Engine.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Uploads;

/// <summary>
/// Streams a PUT body into the session's file, segment by segment, without buffering it. Stores at most
/// <c>storeLimit</c> bytes; past it, either stops reading (an injected reset) or reads and discards the rest
/// (an injected partial store). A body cut off by the client keeps the bytes that arrived.
/// </summary>
internal static class RequestBodyAppender
{
    public static async Task<AppendResult> AppendAsync(
        HttpContext context, UploadSession session, long storeLimit, bool stopAtLimit, BandwidthThrottle? throttle)
    {
        var reader = context.Request.BodyReader;
        long stored = 0, received = 0;
        using var file = session.OpenForAppend();
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
                var buffer = result.Buffer;
                foreach (var segment in buffer)
                {
                    var room = storeLimit - stored;
                    var take = segment.Length <= room ? segment : segment[..(int)Math.Max(0, room)];
                    if (take.Length > 0)
                    {
                        await session.AppendAsync(file, take).ConfigureAwait(false);
                        stored += take.Length;
                    }
                }

                received += buffer.Length;
                reader.AdvanceTo(buffer.End);
                if (throttle is not null)
                {
                    await throttle.PaceAsync(received, context.RequestAborted).ConfigureAwait(false);
                }

                if (stopAtLimit && stored >= storeLimit)
                {
                    return new AppendResult(stored, received, Interrupted: false, LimitReached: true);
                }

                if (result.IsCompleted)
                {
                    return new AppendResult(stored, received, Interrupted: false, LimitReached: false);
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or BadHttpRequestException)
        {
            // The client went away mid-body: like Google, keep what arrived so a status query reports it.
            return new AppendResult(stored, received, Interrupted: true, LimitReached: false);
        }
    }
}

/// <summary>What one PUT body delivered: bytes stored, bytes received, and whether it was cut off or stopped at the store limit.</summary>
internal readonly record struct AppendResult(long Stored, long Received, bool Interrupted, bool LimitReached);
