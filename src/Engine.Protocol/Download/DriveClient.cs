using System.Buffers;
using System.Net;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Protocol.Download;

/// <summary>
/// The Drive wire client for downloads (spec lro-download): <c>files.download</c>, <c>operations.get</c>, the content
/// fetch, <c>files.get</c>, <c>revisions.list</c> and revision media. Each call returns a classified outcome; nothing
/// the server or network does is thrown. Stateless: token, file and resource key come with every call.
/// </summary>
public sealed class DriveClient
{
    private const string FileFields = "id,name,mimeType,size,headRevisionId";
    private const int MaxRevisionPages = 100;

    private readonly DownloadOptions _options;
    private readonly Uri _endpoint;
    private readonly DriveExchange _exchange;

    /// <summary>
    /// <paramref name="http"/> must not follow redirects by itself (build it with <see cref="ProtocolHttp.CreateClient"/>):
    /// this client follows them with token scoping per hop. <paramref name="retry"/> gives the stall timeout.
    /// </summary>
    public DriveClient(HttpClient http, DownloadOptions options, RetryOptions retry, TokenScope tokens, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(http);
        _options = options ?? throw new ArgumentNullException(nameof(options));
        options.Validate();
        _endpoint = options.EndpointUri;
        retry.Validate();
        _exchange = new DriveExchange(http, tokens ?? throw new ArgumentNullException(nameof(tokens)), retry, time ?? throw new ArgumentNullException(nameof(time)));
    }

    /// <summary><c>POST /drive/v3/files/{fileId}/download</c>: starts the operation; its name must be persisted at once.</summary>
    public Task<DriveOutcome<OperationState>> StartDownloadAsync(DownloadRequest request, BearerToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new List<string>();
        if (request.MimeType is { } mime) query.Add("mimeType=" + Uri.EscapeDataString(mime));
        if (request.RevisionId is { } revision) query.Add("revisionId=" + Uri.EscapeDataString(revision));
        var uri = Api($"files/{Uri.EscapeDataString(request.File.FileId)}/download", query);
        return _exchange.CallJsonAsync(HttpMethod.Post, uri, request.File, token, DriveJsonContext.Default.Operation,
            OperationState.From, $"files.download of file '{request.File}'", cancellationToken);
    }

    /// <summary><c>GET /drive/v3/operations/{name}</c>: one poll.</summary>
    public Task<DriveOutcome<OperationState>> GetOperationAsync(OperationRef operation, BearerToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var uri = Api($"operations/{Uri.EscapeDataString(operation.Name)}", ["alt=json"]);
        return _exchange.CallJsonAsync(HttpMethod.Get, uri, operation.File, token, DriveJsonContext.Default.Operation,
            op => OperationState.From(op) is var state && state.Name == operation.Name ? state
                : throw new ProtocolViolationException($"operations.get for '{operation.Name}' answered about another operation {ProtocolViolationException.Quote(op.Name)}."),
            $"operations.get of operation '{operation.Name}' (file '{operation.File}')", cancellationToken);
    }

    /// <summary><c>files.get</c>: id, name, MIME type, size and head revision.</summary>
    public Task<DriveOutcome<DriveFile>> GetFileAsync(FileRef file, BearerToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var uri = Api($"files/{Uri.EscapeDataString(file.FileId)}", ["fields=" + Uri.EscapeDataString(FileFields)]);
        return _exchange.CallJsonAsync(HttpMethod.Get, uri, file, token, DriveJsonContext.Default.DriveFile, f => CheckFile(f, file),
            $"files.get of file '{file}'", cancellationToken);
    }

    /// <summary><c>revisions.list</c>: every stored revision, all pages (never step through revision ids by counting).</summary>
    public async Task<DriveOutcome<IReadOnlyList<DriveRevision>>> ListRevisionsAsync(FileRef file, BearerToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var revisions = new List<DriveRevision>();
        string? pageToken = null;
        for (var page = 0; page < MaxRevisionPages; page++)
        {
            var uri = Api($"files/{Uri.EscapeDataString(file.FileId)}/revisions", pageToken is null ? [] : ["pageToken=" + Uri.EscapeDataString(pageToken)]);
            var outcome = await _exchange.CallJsonAsync(HttpMethod.Get, uri, file, token, DriveJsonContext.Default.DriveRevisionPage, p => p,
                $"revisions.list of file '{file}'", cancellationToken).ConfigureAwait(false);
            switch (outcome)
            {
                case DriveOutcome<DriveRevisionPage>.Succeeded { Value: var result }:
                    revisions.AddRange(result.Revisions ?? []);
                    if (string.IsNullOrEmpty(result.NextPageToken)) return new DriveOutcome<IReadOnlyList<DriveRevision>>.Succeeded(revisions);
                    pageToken = result.NextPageToken;
                    break;
                case DriveOutcome<DriveRevisionPage>.Transient { Failure: var transient }:
                    return new DriveOutcome<IReadOnlyList<DriveRevision>>.Transient(transient);
                case DriveOutcome<DriveRevisionPage>.Failed { Failure: var failure }:
                    return new DriveOutcome<IReadOnlyList<DriveRevision>>.Failed(failure);
            }
        }
        return new DriveOutcome<IReadOnlyList<DriveRevision>>.Failed(new DriveFailure(DriveFailureKind.ProtocolViolation,
            $"revisions.list of file '{file}' returned more than {MaxRevisionPages} pages; the server keeps sending page tokens."));
    }

    /// <summary>The media URI of a blob revision: <c>/drive/v3/files/{fileId}/revisions/{revisionId}?alt=media</c>.</summary>
    public Uri RevisionMediaUri(FileRef file, string revisionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(revisionId);
        return Api($"files/{Uri.EscapeDataString(file.FileId)}/revisions/{Uri.EscapeDataString(revisionId)}", ["alt=media"]);
    }

    /// <summary>
    /// Fetches content into <paramref name="destination"/> (positioned by the caller at the range's start). A 206 must
    /// carry exactly the requested <c>Content-Range</c>, and no byte beyond the range is written; a 200 answering a
    /// ranged request writes nothing and is reported as <see cref="ContentOutcome.RangeIgnored"/>.
    /// </summary>
    public async Task<ContentOutcome> FetchContentAsync(ContentRequest request, Stream destination, TransferProgress progress,
        BearerToken token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(progress);
        var what = $"content of file '{request.File}'" + (request.Range is { } r ? $" (bytes {r})" : "");
        var written = 0L;
        using var watchdog = _exchange.Watch(progress, cancellationToken);
        try
        {
            using var response = await _exchange.SendAsync(HttpMethod.Get, request.Uri, request.File, token, request.Range, watchdog.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                var (transient, failure) = await _exchange.ClassifyAsync(response, $"fetching the {what}", watchdog.Token).ConfigureAwait(false);
                return transient is not null ? new ContentOutcome.Interrupted(0, transient) : new ContentOutcome.Failed(0, failure!);
            }
            long? expected;
            if (request.Range is { } range)
            {
                if (response.StatusCode == HttpStatusCode.OK) return new ContentOutcome.RangeIgnored();
                if (response.StatusCode != HttpStatusCode.PartialContent)
                    throw new ProtocolViolationException($"The server answered the ranged request for the {what} with HTTP {(int)response.StatusCode} instead of 206.");
                var (served, _) = ContentRangeHeader.Parse(HeaderReader.First(response, "Content-Range"));
                if (served != range)
                    throw new ProtocolViolationException($"The server sent bytes {served} of file '{request.File}' when bytes {range} were asked for; nothing was written.");
                expected = range.Length;
            }
            else
            {
                expected = response.Content.Headers.ContentLength;
            }
            await using var body = await response.Content.ReadAsStreamAsync(watchdog.Token).ConfigureAwait(false);
            var buffer = ArrayPool<byte>.Shared.Rent(_options.BufferSize);
            try
            {
                while (true)
                {
                    // One byte beyond the expected length is asked for, so a body longer than announced is detected.
                    var want = expected is { } limit ? (int)Math.Min(buffer.Length, limit - written + 1) : buffer.Length;
                    var read = await body.ReadAsync(buffer.AsMemory(0, want), watchdog.Token).ConfigureAwait(false);
                    if (read == 0) break;
                    var inRange = expected is { } max ? (int)Math.Min(read, max - written) : read;
                    await WriteAsync(destination, buffer.AsMemory(0, inRange), what, watchdog.Token).ConfigureAwait(false);
                    written += inRange;
                    progress.Add(inRange);
                    if (inRange < read)
                        throw new ProtocolViolationException($"The server sent more than the {expected} bytes announced for the {what}; the excess was not written.");
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return expected is { } total && written < total
                ? new ContentOutcome.Interrupted(written, new TransientFailure(TransientCause.ConnectionLost, null, $"the body ended after {written} of {total} bytes"))
                : new ContentOutcome.Received(written);
        }
        catch (ProtocolViolationException e)
        {
            return new ContentOutcome.Failed(written, new DriveFailure(DriveFailureKind.ProtocolViolation, e.Message));
        }
        catch (LocalFileException e)
        {
            return new ContentOutcome.Failed(written, new DriveFailure(DriveFailureKind.LocalFile, e.Message));
        }
        catch (Exception e) when (TransportFault.Classify(e, watchdog, cancellationToken) is { } fault)
        {
            return new ContentOutcome.Interrupted(written, new TransientFailure(fault.Cause, null, fault.Detail));
        }
    }

    private static async Task WriteAsync(Stream destination, ReadOnlyMemory<byte> data, string what, CancellationToken cancellationToken)
    {
        try
        {
            await destination.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ObjectDisposedException)
        {
            throw new LocalFileException($"Writing the {what} to the destination failed ({e.Message}); check free space and permissions, then resume the download.", e);
        }
    }

    private Uri Api(string path, IEnumerable<string> query)
    {
        var q = string.Join("&", query);
        return new Uri(_endpoint, "/drive/v3/" + path + (q.Length > 0 ? "?" + q : ""));
    }

    private static DriveFile CheckFile(DriveFile file, FileRef asked)
    {
        if (string.IsNullOrEmpty(file.MimeType))
            throw new ProtocolViolationException($"files.get of file '{asked}' returned no mimeType.");
        if (file.Size is < 0)
            throw new ProtocolViolationException($"files.get of file '{asked}' returned a negative size {file.Size}.");
        return file;
    }
}
