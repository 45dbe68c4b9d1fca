using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Upload;

/// <summary>
/// The resumable-upload wire client: one method per request of the spec, each returning a classified
/// <see cref="UploadOutcome"/> instead of throwing for anything the server or network does. Stateless: the token, the
/// session and the acknowledged offset come with every call, so one instance serves every upload.
/// </summary>
public sealed class ResumableUploadClient
{
    private readonly HttpClient _http;
    private readonly UploadOptions _upload;
    private readonly Uri _endpoint;
    private readonly RetryOptions _retry;
    private readonly TokenScope _tokens;
    private readonly TimeProvider _time;

    /// <summary>
    /// <paramref name="http"/> must not follow redirects (a 308 is "Resume Incomplete" here): build it with
    /// <see cref="ProtocolHttp.CreateClient"/>. <paramref name="time"/> drives the stall watchdog and Retry-After dates.
    /// </summary>
    public ResumableUploadClient(HttpClient http, UploadOptions upload, RetryOptions retry, TokenScope tokens, TimeProvider time)
    {
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _upload = upload ?? throw new ArgumentNullException(nameof(upload));
        _retry = retry ?? throw new ArgumentNullException(nameof(retry));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        upload.Validate();
        _endpoint = upload.EndpointUri;
        retry.Validate();
    }

    /// <summary>
    /// POSTs the metadata to open a session (§1). <see cref="UploadOutcome.SessionOpened"/> on success; transient
    /// failures are <see cref="UploadOutcome.Resumable"/>; a missing or unusable <c>Location</c> is a protocol failure.
    /// </summary>
    public async Task<UploadOutcome> OpenSessionAsync(UploadSessionRequest session, BearerToken token, CancellationToken cancellationToken)
    {
        ValidateSession(session);
        var uri = new Uri(_endpoint, "/upload/youtube/v3/videos?uploadType=resumable&part=" + Uri.EscapeDataString(session.Parts));
        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(session.MetadataJson)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
        request.Headers.TryAddWithoutValidation("X-Upload-Content-Length", session.TotalBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("X-Upload-Content-Type", session.ContentType);
        _tokens.Authorize(request, token);
        return await ExchangeAsync(request, new TransferProgress(), async (response, ct) =>
        {
            if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created)
                return new UploadOutcome.SessionOpened(LocationHeader.ParseSessionUri(HeaderReader.First(response, "Location")));
            return await ClassifyFailureAsync(response, "opening the upload session", ct).ConfigureAwait(false) switch
            {
                UploadOutcome.SessionExpired expired => new UploadOutcome.Failed(UploadFailureKind.Rejected,
                    $"Opening the upload session failed: the endpoint answered 404 ({expired.Detail}). Check engine.upload.endpoint.", 404),
                var other => other,
            };
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// PUTs the file from <paramref name="offset"/> (the byte after the last acknowledged one): the rest of the file, or
    /// one chunk in chunked mode (§2, §4.3, §5). The body streams from the file; <paramref name="progress"/> counts the
    /// bytes handed to the network as they go.
    /// </summary>
    public async Task<UploadOutcome> SendAsync(UploadTarget target, long offset, BearerToken token, TransferProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(progress);
        var length = UploadChunking.NextLength(offset, target.TotalBytes, _upload.ChunkSize);
        using var request = new HttpRequestMessage(HttpMethod.Put, target.SessionUri)
        {
            Content = new FileRangeContent(target.FilePath, offset, length, _upload.BufferSize, progress),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", target.ContentType);
        // The whole file from byte 0 is the plain request of §2; anything else names its range (§4.3, §5).
        if (length > 0 && !(offset == 0 && length == target.TotalBytes))
            request.Content.Headers.TryAddWithoutValidation("Content-Range", ContentRangeHeader.FormatRange(offset, length, target.TotalBytes));
        _tokens.Authorize(request, token);
        return await ExchangeAsync(request, progress,
            (response, ct) => InterpretPutAsync(response, offset, offset + length, ct), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The status query of §4.1 (empty PUT, <c>Content-Range: bytes */TOTAL</c>): <see cref="UploadOutcome.Incomplete"/>
    /// with what the server stored, or the completion answer repeated. <paramref name="acknowledged"/> is what the server
    /// confirmed before; an answer below it is a protocol failure.
    /// </summary>
    public async Task<UploadOutcome> QueryStatusAsync(UploadTarget target, long acknowledged, BearerToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        using var request = new HttpRequestMessage(HttpMethod.Put, target.SessionUri) { Content = new ByteArrayContent([]) };
        request.Content.Headers.ContentLength = 0;
        request.Content.Headers.TryAddWithoutValidation("Content-Range", ContentRangeHeader.FormatUnknownRange(target.TotalBytes));
        _tokens.Authorize(request, token);
        return await ExchangeAsync(request, new TransferProgress(),
            (response, ct) => InterpretPutAsync(response, acknowledged, target.TotalBytes, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task<UploadOutcome> InterpretPutAsync(HttpResponseMessage response, long acknowledged, long maxPossible, CancellationToken cancellationToken)
    {
        switch ((int)response.StatusCode)
        {
            case 200 or 201:
                var resource = await ResponseBody.ReadAsync(response.Content, ResponseBody.MaxJsonBytes, "created resource", cancellationToken).ConfigureAwait(false);
                return new UploadOutcome.Completed(RequireJsonObject(resource));
            case 308:
                return new UploadOutcome.Incomplete(UploadRangeHeader.ParseStoredBytes(HeaderReader.First(response, "Range"), acknowledged, maxPossible));
            default:
                return await ClassifyFailureAsync(response, "the upload request", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The spec's table for a non-success answer: 404 expired, transient statuses resumable, the rest permanent.</summary>
    private async Task<UploadOutcome> ClassifyFailureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var error = await ServerError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.NotFound)
            return new UploadOutcome.SessionExpired(error.ToString());
        if (TransientFailure.Of(response, error, _time.GetUtcNow()) is { } transient)
            return new UploadOutcome.Resumable(transient.Cause, transient.RetryAfter, transient.Detail);
        return new UploadOutcome.Failed(UploadFailureKind.Rejected,
            $"The server refused {what} with {Sentence.Closed(error.ToString())} This is permanent; fix the cause it names, then start the upload again.", error.StatusCode);
    }

    /// <summary>Sends one request under a stall watchdog and turns every failure mode into an outcome.</summary>
    private async Task<UploadOutcome> ExchangeAsync(HttpRequestMessage request, TransferProgress progress,
        Func<HttpResponseMessage, CancellationToken, Task<UploadOutcome>> interpret, CancellationToken cancellationToken)
    {
        using var watchdog = new StallWatchdog(_time, _retry.StallTimeout, progress, cancellationToken);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, watchdog.Token).ConfigureAwait(false);
            return await interpret(response, watchdog.Token).ConfigureAwait(false);
        }
        catch (ProtocolViolationException e)
        {
            return new UploadOutcome.Failed(UploadFailureKind.ProtocolViolation, e.Message);
        }
        catch (Exception e) when (TransportFault.LocalFileFault(e) is { } source)
        {
            return new UploadOutcome.Failed(UploadFailureKind.SourceFile, source.Message);
        }
        catch (Exception e) when (TransportFault.Classify(e, watchdog, cancellationToken) is { } fault)
        {
            return new UploadOutcome.Resumable(fault.Cause, null, fault.Detail);
        }
    }

    private static string RequireJsonObject(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return body;
        }
        catch (JsonException)
        {
            // Reported below with the same message as a non-object.
        }
        throw new ProtocolViolationException($"The server reported the upload complete but its body is not a JSON object: {ProtocolViolationException.Quote(body)}. The upload may have succeeded; check the destination before uploading again.");
    }

    private static void ValidateSession(UploadSessionRequest session)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfNegative(session.TotalBytes);
        if (string.IsNullOrWhiteSpace(session.Parts))
            throw new ArgumentException("The upload's 'part' list is empty; name the resource parts being set, e.g. snippet,status.", nameof(session));
        if (string.IsNullOrWhiteSpace(session.ContentType) || !MediaTypeHeaderValue.TryParse(session.ContentType, out _))
            throw new ArgumentException($"The upload's content type '{session.ContentType}' is not a media type; use e.g. video/* or application/octet-stream.", nameof(session));
        try
        {
            using var document = JsonDocument.Parse(session.MetadataJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new ArgumentException("The upload metadata must be a JSON object such as {\"snippet\":{…},\"status\":{…}}.", nameof(session));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The upload metadata is not valid JSON ({e.Message}); fix the metadata file.", nameof(session), e);
        }
    }
}
