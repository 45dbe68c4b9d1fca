using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>
/// What every Drive request shares: the token and resource key (only to hosts in scope, re-checked on every redirect
/// hop), redirects followed by hand (Docs/Sheets links answer with one first), the stall watchdog, and the
/// classification of failures.
/// </summary>
internal sealed class DriveExchange(HttpClient http, TokenScope tokens, RetryOptions retry, TimeProvider time)
{
    private const int MaxRedirects = 5;

    public TimeProvider Time => time;

    /// <summary>A watchdog for one exchange, counting <paramref name="progress"/>.</summary>
    public StallWatchdog Watch(TransferProgress progress, CancellationToken cancellationToken) =>
        new(time, retry.StallTimeout, progress, cancellationToken);

    /// <summary>Sends the request, following up to five redirects; the caller disposes the final response.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, FileRef file, BearerToken token, ByteRange? range, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, uri);
            if (method == HttpMethod.Post) request.Content = new ByteArrayContent([]);
            if (range is { } r) request.Headers.Range = new RangeHeaderValue(r.Offset, r.Last);
            if (tokens.Allows(uri))
            {
                tokens.Authorize(request, token);
                if (file.ResourceKeyHeader is { } key) request.Headers.TryAddWithoutValidation("X-Goog-Drive-Resource-Keys", key);
            }
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if ((int)response.StatusCode is not (301 or 302 or 303 or 307 or 308) || HeaderReader.First(response, "Location") is not { } location)
                return response;
            response.Dispose();
            if (hop == MaxRedirects)
                throw new ProtocolViolationException($"The server redirected file '{file}' more than {MaxRedirects} times; refusing to follow further.");
            uri = LocationHeader.ParseAbsoluteHttpUri(Uri.TryCreate(uri, location, out var resolved) ? resolved.AbsoluteUri : location, "redirect Location");
            if (response.StatusCode == HttpStatusCode.SeeOther) method = HttpMethod.Get;
        }
    }

    /// <summary>One JSON call: success is parsed (source-generated, bounded) and interpreted; everything else classified.</summary>
    public async Task<DriveOutcome<T>> CallJsonAsync<TJson, T>(HttpMethod method, Uri uri, FileRef file, BearerToken token,
        JsonTypeInfo<TJson> type, Func<TJson, T> interpret, string what, CancellationToken cancellationToken)
    {
        using var watchdog = Watch(new TransferProgress(), cancellationToken);
        try
        {
            using var response = await SendAsync(method, uri, file, token, null, watchdog.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var (transient, failure) = await ClassifyAsync(response, what, watchdog.Token).ConfigureAwait(false);
                return transient is not null ? new DriveOutcome<T>.Transient(transient) : new DriveOutcome<T>.Failed(failure!);
            }
            var body = await ResponseBody.ReadAsync(response.Content, ResponseBody.MaxJsonBytes, $"answer to {what}", watchdog.Token).ConfigureAwait(false);
            return new DriveOutcome<T>.Succeeded(interpret(Deserialize(body, type, what)));
        }
        catch (ProtocolViolationException e)
        {
            return new DriveOutcome<T>.Failed(new DriveFailure(DriveFailureKind.ProtocolViolation, e.Message));
        }
        catch (Exception e) when (TransportFault.Classify(e, watchdog, cancellationToken) is { } fault)
        {
            return new DriveOutcome<T>.Transient(new TransientFailure(fault.Cause, null, fault.Detail));
        }
    }

    /// <summary>A non-success answer: transient (with its Retry-After) or a permanent failure naming its canonical code.</summary>
    public async Task<(TransientFailure? Transient, DriveFailure? Failure)> ClassifyAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var error = await ServerError.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        if (TransientFailure.Of(response, error, time.GetUtcNow()) is { } transient)
            return (transient, null);
        if (error.Reason == "fileNotDownloadable")
            return (null, new DriveFailure(DriveFailureKind.FileNotDownloadable,
                $"{what} failed: {error}. Revisions of Docs, Sheets, Slides and Vids cannot be fetched as media (fileNotDownloadable); download the document with files.download (and a revisionId for Docs or Sheets) instead.",
                CanonicalCode.FailedPrecondition, error.StatusCode));
        var code = CanonicalCodes.ForHttpStatus(error.StatusCode);
        return (null, new DriveFailure(DriveFailureKind.Rejected, $"{what} failed: {CanonicalCodes.Of(code).Describe(error.ToString())}", code, error.StatusCode));
    }

    private static TJson Deserialize<TJson>(string body, JsonTypeInfo<TJson> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new ProtocolViolationException($"The answer to {what} is JSON null; expected an object. The server is misbehaving.");
        }
        catch (JsonException e)
        {
            throw new ProtocolViolationException($"The answer to {what} is not valid JSON of the expected shape ({e.Message}): {ProtocolViolationException.Quote(body)}. The server is misbehaving.");
        }
    }
}
