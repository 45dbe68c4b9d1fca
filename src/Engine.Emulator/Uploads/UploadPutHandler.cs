using Engine.Emulator.Faults;
using Engine.Emulator.Http;
using Engine.Emulator.Inspection;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Uploads;

/// <summary>
/// PUT to a session URI: bytes (one request or chunks), or a status query. Implements spec §2–§5: 308 with
/// <c>Range</c> (absent when nothing is stored), the completion response repeated, overlapping or skipping
/// ranges rejected with nothing stored, non-final chunks a multiple of 256 KiB, and the injected faults.
/// </summary>
internal sealed class UploadPutHandler(UploadSessionStore sessions, FaultGate gate, EmulatorOptions options)
{
    private const long ChunkGranularity = 256 * 1024;

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        ContentRangeHeader? range = null;
        if (request.Headers.ContentRange is { Count: > 0 } rangeText)
        {
            if (!ContentRangeHeader.TryParse(rangeText.ToString(), out var parsed))
            {
                FaultGate.Classify(context, FaultTarget.Put);
                await new HttpProblem(400, "invalidHeader",
                    $"Content-Range '{rangeText}' is malformed; use 'bytes FIRST-LAST/TOTAL' or 'bytes */TOTAL'.").WriteAsync(context).ConfigureAwait(false);
                return;
            }

            range = parsed;
        }

        var isQuery = range is { IsStatusQuery: true };
        var decision = await gate.EnterAsync(context, isQuery ? FaultTarget.Query : FaultTarget.Put).ConfigureAwait(false);
        if (BearerIdentity.Of(request) is not { } owner)
        {
            await GoogleError.UnauthenticatedAsync(context).ConfigureAwait(false);
            return;
        }

        var id = request.Query["upload_id"].ToString();
        if (!ResourceIds.IsValid(id))
        {
            await new HttpProblem(400, "invalidParameter", "Query parameter upload_id is missing or malformed.").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (sessions.Find(id, owner) is not { } session)
        {
            await SessionGoneAsync(context).ConfigureAwait(false);
            return;
        }

        await session.Gate.WaitAsync(context.RequestAborted).ConfigureAwait(false);
        try
        {
            await ServeAsync(context, session, range, decision).ConfigureAwait(false);
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task ServeAsync(HttpContext context, UploadSession session, ContentRangeHeader? range, FaultDecision decision)
    {
        if (decision.Outcome is ExpireSession)
        {
            session.Expire();
        }

        if (session.IsExpired(gate.Time.GetUtcNow(), options.SessionLifetime))
        {
            await SessionGoneAsync(context).ConfigureAwait(false);
            return;
        }

        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return;
        }

        if (session.Completion is { } completion)
        {
            await WriteCompletionAsync(context, completion).ConfigureAwait(false);
            return;
        }

        if (range is { IsStatusQuery: true } query)
        {
            await AnswerStatusQueryAsync(context, session, query).ConfigureAwait(false);
            return;
        }

        var first = range?.First ?? 0;
        var last = range?.Last ?? session.DeclaredLength - 1;
        if (CheckBytesRequest(context.Request, session, range, first, last) is { } problem)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (session.DeclaredLength == 0)
        {
            await CompleteAsync(context, session).ConfigureAwait(false);
            return;
        }

        await StoreBodyAsync(context, session, last - first + 1, decision).ConfigureAwait(false);
    }

    private async Task AnswerStatusQueryAsync(HttpContext context, UploadSession session, ContentRangeHeader query)
    {
        if (query.Total is { } total && total != session.DeclaredLength)
        {
            await new HttpProblem(400, "invalidHeader",
                $"Content-Range total {total} differs from the declared X-Upload-Content-Length {session.DeclaredLength}.").WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (session.StoredLength == session.DeclaredLength)
        {
            // "bytes */0" is how a client finishes an empty upload; a session that holds every byte is complete
            // (its answer may have been lost with the connection), and the status query returns the resource.
            await CompleteAsync(context, session).ConfigureAwait(false);
            return;
        }

        WriteResumeIncomplete(context, session);
    }

    private static HttpProblem? CheckBytesRequest(HttpRequest request, UploadSession session, ContentRangeHeader? range, long first, long last)
    {
        var declared = session.DeclaredLength;
        if (range is null && request.ContentLength is { } length && length != declared)
        {
            return new HttpProblem(400, "badContent",
                $"A PUT without Content-Range sends the whole media: Content-Length must be {declared}, not {length}.");
        }

        if (request.ContentLength > 0 && request.ContentType is { Length: > 0 } type && !MatchesDeclaredType(type, session.ContentType))
        {
            return new HttpProblem(400, "badContent",
                $"Content-Type '{type}' differs from the X-Upload-Content-Type '{session.ContentType}' declared when the session was opened.");
        }

        if (range?.Total is { } total && total != declared)
        {
            return new HttpProblem(400, "invalidHeader",
                $"Content-Range total {total} differs from the declared X-Upload-Content-Length {declared}.");
        }

        if (declared > 0 && last >= declared)
        {
            return new HttpProblem(400, "invalidHeader", $"Content-Range ends at byte {last}, beyond the declared size {declared}.");
        }

        var count = last - first + 1;
        if (range is not null && request.ContentLength is { } bodyLength && bodyLength != count)
        {
            return new HttpProblem(400, "badContent",
                $"Content-Length {bodyLength} does not match Content-Range bytes {first}-{last} ({count} bytes).");
        }

        if (last + 1 < declared && count % ChunkGranularity != 0)
        {
            return new HttpProblem(400, "badContent",
                $"A non-final chunk must be a multiple of 256 KiB (262144 bytes); this one is {count} bytes.");
        }

        if (first != session.StoredLength)
        {
            var verb = first < session.StoredLength ? "overlaps" : "skips past";
            return new HttpProblem(400, "badContent",
                $"Content-Range starts at byte {first} and {verb} the {session.StoredLength} bytes stored; " +
                $"query the status and resume at byte {session.StoredLength}. None of this request's bytes were stored.");
        }

        return null;
    }

    /// <summary>The media type (parameters aside) equals the declared one, or falls under a declared <c>video/*</c>.</summary>
    private static bool MatchesDeclaredType(string contentType, string declared)
    {
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals(declared, StringComparison.OrdinalIgnoreCase)
               || (declared.Equals("video/*", StringComparison.OrdinalIgnoreCase) && mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase));
    }

    private async Task StoreBodyAsync(HttpContext context, UploadSession session, long count, FaultDecision decision)
    {
        var (limit, stopAtLimit) = decision.Outcome switch
        {
            ResetConnection reset => (Math.Min(count, reset.AfterBytes), true),
            StorePartial partial => (Math.Min(count, partial.Bytes), false),
            _ => (count, false),
        };
        var throttle = BandwidthThrottle.For(decision.BandwidthCap, gate.Time);
        var result = await RequestBodyAppender.AppendAsync(context, session, limit, stopAtLimit, throttle).ConfigureAwait(false);
        var record = context.Features.Get<RequestRecord>()!;
        record.BodyBytesReceived = result.Received;

        var resetNow = result.LimitReached && decision.Outcome is ResetConnection;
        if (result.Interrupted || resetNow)
        {
            session.Interruptions++;
            if (gate.Interrupted() is ExpireSession)
            {
                session.Expire();
            }

            if (session.StoredLength == session.DeclaredLength && session.State != UploadSessionState.Expired)
            {
                // Every byte arrived: Google completes the upload although the client never sees the answer.
                Finish(session);
            }

            if (resetNow)
            {
                record.ConnectionReset = true;
                context.Abort();
            }

            return;
        }

        if (session.StoredLength == session.DeclaredLength)
        {
            await CompleteAsync(context, session).ConfigureAwait(false);
        }
        else if (decision.Outcome is StorePartial partial)
        {
            var retryAfter = partial.RetryAfter?.HeaderValue(gate.Time.GetUtcNow());
            if (partial.StatusCode == 503)
            {
                await GoogleError.WriteAsync(context, 503, "backendError", "Injected fault: stored only part of the request's bytes.", retryAfter)
                    .ConfigureAwait(false);
            }
            else
            {
                WriteResumeIncomplete(context, session);
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }
            }
        }
        else
        {
            WriteResumeIncomplete(context, session);
        }
    }

    private Task CompleteAsync(HttpContext context, UploadSession session) => WriteCompletionAsync(context, Finish(session));

    private UploadCompletion Finish(UploadSession session)
    {
        var now = gate.Time.GetUtcNow();
        var videoId = ResourceIds.NewId(8);
        var completion = new UploadCompletion(options.UploadCompletionStatus, VideoResource.Build(session, videoId, now));
        var sha256 = session.Complete(completion);
        sessions.RecordCompleted(new CompletedUpload(
            session.Id, videoId, session.Title, session.StoredLength, sha256, session.FilePath, now));
        return completion;
    }

    private static Task WriteCompletionAsync(HttpContext context, UploadCompletion completion)
    {
        context.Response.StatusCode = completion.StatusCode;
        context.Response.ContentType = "application/json; charset=UTF-8";
        return context.Response.WriteAsync(completion.Body);
    }

    private static void WriteResumeIncomplete(HttpContext context, UploadSession session)
    {
        context.Response.StatusCode = 308;
        context.Response.ContentLength = 0;
        if (session.StoredLength > 0)
        {
            context.Response.Headers.Range = $"bytes=0-{session.StoredLength - 1}";
        }
    }

    private static Task SessionGoneAsync(HttpContext context) => new HttpProblem(404, "notFound",
        "Upload session not found or expired; open a new session and upload from byte 0.").WriteAsync(context);
}
