using System.Buffers;
using System.Net.Sockets;
using Engine.Emulator.Faults;
using Engine.Emulator.Http;
using Engine.Emulator.Inspection;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Drive;

/// <summary>
/// Streams content (or one byte range of it) to the response through a pooled buffer, honouring an injected
/// reset (after N bytes sent, the connection is aborted for real) and a bandwidth cap. Progress goes to
/// <c>report</c> before the bytes are handed over, so an inspector never lags behind what a client has received.
/// </summary>
internal static class ContentResponder
{
    private const int BufferSize = 256 * 1024;
    private static readonly TimeSpan ClientCloseWait = TimeSpan.FromSeconds(30);

    public static async Task ServeAsync(
        HttpContext context, FileContent content, string contentType, bool rangesAllowed, FaultDecision decision, TimeProvider time,
        Action<ServedRange> report)
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
                    report(new ServedRange(range.First, range.Last, 0, 416, Aborted: false));
                    return;
                }

                (first, last, status) = (range.First, range.Last, StatusCodes.Status206PartialContent);
                response.Headers.ContentRange = $"bytes {first}-{last}/{length}";
            }
        }

        var count = last - first + 1;
        response.StatusCode = status;
        response.ContentType = contentType;
        response.ContentLength = count;
        await WriteAsync(context, content, first, count, decision, time, (sent, aborted) => report(new ServedRange(first, last, sent, status, aborted)))
            .ConfigureAwait(false);
    }

    private static async Task WriteAsync(
        HttpContext context, FileContent content, long first, long count, FaultDecision decision, TimeProvider time, Action<long, bool> progress)
    {
        var resetAfter = decision.Outcome is ResetConnection reset && reset.AfterBytes < count ? reset.AfterBytes : (long?)null;
        var stopAt = resetAfter ?? count;
        var throttle = BandwidthThrottle.For(decision.BandwidthCap, time);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        var piece = throttle?.PieceSize(BufferSize) ?? BufferSize;
        long sent = 0;
        progress(0, false);
        try
        {
            while (sent < stopAt)
            {
                // Paced before each write, never after the last: the client has the whole response when the handler
                // returns, so it may send its next request on this connection at once and be served.
                if (throttle is not null)
                {
                    await throttle.PaceAsync(sent, context.RequestAborted).ConfigureAwait(false);
                }

                var n = (int)Math.Min(piece, stopAt - sent);
                content.Read(first + sent, buffer.AsSpan(0, n));
                progress(sent + n, false);
                await context.Response.Body.WriteAsync(buffer.AsMemory(0, n), context.RequestAborted).ConfigureAwait(false);
                sent += n;
            }

            if (resetAfter is not null)
            {
                progress(sent, true);
                context.Features.Get<RequestRecord>()!.ConnectionReset = true;
                await CutAsync(context, time).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away mid-content: record how far it got; there is no one left to answer.
            progress(sent, true);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Cuts the connection after the bytes already written: a half-close (FIN after every byte sent), then a
    /// wait until the client, seeing the body end early, closes its side, then the abort. Aborting at once
    /// would send a reset that can make the client's kernel drop bytes it received but had not yet read.
    /// </summary>
    private static async Task CutAsync(HttpContext context, TimeProvider time)
    {
        await context.Response.Body.FlushAsync(context.RequestAborted).ConfigureAwait(false);
        context.Features.Get<IConnectionSocketFeature>()?.Socket.Shutdown(SocketShutdown.Send);
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        patience.CancelAfter(ClientCloseWait);
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, time, patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: the client closed (or did not within the wait); either way the connection goes now.
        }

        context.Abort();
    }
}
