using System.Buffers;
using Engine.Emulator.Faults;
using Engine.Emulator.Http;
using Engine.Emulator.Inspection;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary>
/// Streams content (or one byte range of it) to the response through a pooled buffer, honouring an injected
/// reset (after N bytes sent, the connection is aborted for real) and a bandwidth cap.
/// </summary>
internal static class ContentResponder
{
    private const int BufferSize = 256 * 1024;

    public static async Task<ServedRange> ServeAsync(
        HttpContext context, FileContent content, string contentType, bool rangesAllowed, FaultDecision decision, TimeProvider time)
    {
        var response = context.Response;
        var length = content.Length;
        long first = 0, last = length - 1;
        var status = StatusCodes.Status200OK;
        if (rangesAllowed)
        {
            response.Headers.AcceptRanges = "bytes";
            if (length > 0 && ByteRangeRequest.TryParse(context.Request.Headers.Range.ToString(), length, out var range))
            {
                if (!range.Satisfiable)
                {
                    response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
                    response.Headers.ContentRange = $"bytes */{length}";
                    return new ServedRange(range.First, range.Last, 0, 416, Aborted: false);
                }

                (first, last, status) = (range.First, range.Last, StatusCodes.Status206PartialContent);
                response.Headers.ContentRange = $"bytes {first}-{last}/{length}";
            }
        }

        var count = last - first + 1;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = count;
        var (sent, aborted) = await WriteAsync(context, content, first, count, decision, time).ConfigureAwait(false);
        return new ServedRange(first, last, sent, status, aborted);
    }

    private static async Task<(long Sent, bool Aborted)> WriteAsync(
        HttpContext context, FileContent content, long first, long count, FaultDecision decision, TimeProvider time)
    {
        var resetAfter = decision.Outcome is ResetConnection reset && reset.AfterBytes < count ? reset.AfterBytes : (long?)null;
        var stopAt = resetAfter ?? count;
        var throttle = BandwidthThrottle.For(decision.BandwidthCap, time);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        long sent = 0;
        try
        {
            while (sent < stopAt)
            {
                var n = (int)Math.Min(buffer.Length, stopAt - sent);
                content.Read(first + sent, buffer.AsSpan(0, n));
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted).ConfigureAwait(false);
                sent += n;
                if (throttle is not null)
                {
                    await throttle.PaceAsync(sent, context.RequestAborted).ConfigureAwait(false);
                }
            }

            if (resetAfter is not null)
            {
                await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
                context.Features.Get<RequestRecord>()!.ConnectionReset = true;
                context.Abort();
                return (sent, true);
            }

            return (sent, false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away mid-content; what was sent is recorded, nothing else to do.
            return (sent, true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
