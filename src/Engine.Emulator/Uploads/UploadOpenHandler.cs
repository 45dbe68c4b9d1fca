using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engine.Emulator.Faults;
using Engine.Emulator.Http;
using Microsoft.AspNetCore.Http;

namespace Engine.Emulator.Uploads;

/// <summary>
/// POST <c>/upload/youtube/v3/videos?uploadType=resumable&amp;part=…</c>: validates the request per spec §1 and
/// answers 200 with the session URI in <c>Location</c>.
/// </summary>
internal sealed class UploadOpenHandler(UploadSessionStore sessions, FaultGate gate, EmulatorOptions options)
{
    public const string Path = "/upload/youtube/v3/videos";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var decision = await gate.EnterAsync(context, FaultTarget.Open).ConfigureAwait(false);
        if (BearerIdentity.Of(request) is not { } owner)
        {
            await GoogleError.UnauthenticatedAsync(context).ConfigureAwait(false);
            return;
        }

        if (await gate.AnsweredAsync(context, decision).ConfigureAwait(false))
        {
            return;
        }

        if (Validate(request) is { } problem)
        {
            await problem.WriteAsync(context).ConfigureAwait(false);
            return;
        }

        if (await ReadMetadataAsync(context).ConfigureAwait(false) is not { } metadata)
        {
            return;
        }

        var session = sessions.Open(
            owner, metadata, request.Query["part"].ToString(),
            long.Parse(request.Headers["X-Upload-Content-Length"].ToString(), CultureInfo.InvariantCulture),
            request.Headers["X-Upload-Content-Type"].ToString());
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.Headers.Location =
            $"{request.Scheme}://{request.Host}{Path}?uploadType=resumable&upload_id={session.Id}" +
            $"&part={Uri.EscapeDataString(session.Part)}";
        context.Response.ContentLength = 0;
    }

    private static HttpProblem? Validate(HttpRequest request)
    {
        if (request.Query["uploadType"] != "resumable")
        {
            return new HttpProblem(400, "invalidParameter", "Query parameter uploadType=resumable is required to open a resumable session.");
        }

        if (string.IsNullOrWhiteSpace(request.Query["part"]))
        {
            return new HttpProblem(400, "required", "Query parameter 'part' is required (e.g. part=snippet,status).");
        }

        if (!long.TryParse(request.Headers["X-Upload-Content-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            return new HttpProblem(400, "invalidHeader", "Header X-Upload-Content-Length must give the media size as a non-negative whole number.");
        }

        var mediaType = request.Headers["X-Upload-Content-Type"].ToString();
        if (!(mediaType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) && mediaType.Length > "video/".Length)
            && !mediaType.Equals("application/octet-stream", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpProblem(400, "invalidHeader", $"Header X-Upload-Content-Type must be video/* or application/octet-stream, not '{mediaType}'.");
        }

        if (request.ContentLength is null && !request.Headers.TransferEncoding.ToString().Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            return new HttpProblem(411, "lengthRequired", "Content-Length is required on the session request (or use chunked transfer-encoding).");
        }

        return null;
    }

    /// <summary>Reads the JSON metadata (at most the configured size); answers the error itself and returns null when it is unusable.</summary>
    private async Task<JsonObject?> ReadMetadataAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength > options.MaxMetadataBytes)
        {
            await GoogleError.WriteAsync(context, 413, "uploadTooLarge", $"Metadata larger than {options.MaxMetadataBytes} bytes.").ConfigureAwait(false);
            return null;
        }

        using var body = new MemoryStream();
        var reader = request.BodyReader;
        while (true)
        {
            var result = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var segment in result.Buffer)
            {
                body.Write(segment.Span);
            }

            reader.AdvanceTo(result.Buffer.End);
            if (body.Length > options.MaxMetadataBytes)
            {
                await GoogleError.WriteAsync(context, 413, "uploadTooLarge", $"Metadata larger than {options.MaxMetadataBytes} bytes.").ConfigureAwait(false);
                return null;
            }

            if (result.IsCompleted)
            {
                break;
            }
        }

        context.Features.Get<Inspection.RequestRecord>()!.BodyBytesReceived = body.Length;
        if (body.Length == 0)
        {
            return [];
        }

        if (!(request.ContentType ?? "").StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await GoogleError.WriteAsync(context, 400, "badContent", $"Metadata must be sent as application/json, not '{request.ContentType}'.").ConfigureAwait(false);
            return null;
        }

        try
        {
            if (JsonNode.Parse(body.ToArray()) is JsonObject metadata)
            {
                return metadata;
            }
        }
        catch (JsonException)
        {
            // Answered below with the same message as a non-object document.
        }

        await GoogleError.WriteAsync(context, 400, "parseError", "Metadata is not a JSON object (e.g. {\"snippet\":{\"title\":\"…\"}}).").ConfigureAwait(false);
        return null;
    }
}
