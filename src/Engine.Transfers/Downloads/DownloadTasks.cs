using System.Buffers;
using System.Security.Cryptography;
using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Transfers.Tokens;

namespace Engine.Transfers.Downloads;

/// <summary>
/// The I/O a download actor starts as tasks and receives back as messages. Each touches no actor state, only what it
/// is given, and every Drive call runs with the current token (refreshed once on a 401).
/// </summary>
internal static class DownloadTasks
{
    // Rented (the size the content streams rent, so they share the pool's arrays), not a FileStream buffer: a fresh
    // array per download lands on the large object heap, and 10,000 downloads made that a gen-2 collection every hundred.
    private const int HashBuffer = 128 * 1024;

    /// <summary>
    /// <c>files.get</c> (and <c>revisions.list</c> for a blob revision's size), the spec's checks (default export format,
    /// revision rules) and <c>download()</c>; or, for revision media, the revision's URI without any operation.
    /// </summary>
    public static async Task<StartOutcome> StartOperationAsync(DownloadRuntime runtime, DownloadRequested request, DateTimeOffset deadline,
        Action<RetryNotice> onRetry, CancellationToken cancellationToken)
    {
        var (client, runner) = runtime.For(request);
        var file = FileOf(request);
        var metadata = await CallAsync(runtime, token => runner.RunAsync(ct => client.GetFileAsync(file, token, ct), deadline, onRetry, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        if (metadata is not DriveOutcome<DriveFile>.Succeeded { Value: var info }) return new StartOutcome.Failed(FailureOf(metadata));
        var workspace = ExportFormats.IsWorkspace(info.MimeType!);
        var size = workspace ? null : info.Size;
        if (request.RevisionId is { } revisionId && !workspace)
        {
            var revisions = await CallAsync(runtime, token => runner.RunAsync(ct => client.ListRevisionsAsync(file, token, ct), deadline, onRetry, cancellationToken),
                cancellationToken).ConfigureAwait(false);
            if (revisions is not DriveOutcome<IReadOnlyList<DriveRevision>>.Succeeded { Value: var list }) return new StartOutcome.Failed(FailureOf(revisions));
            size = list.FirstOrDefault(r => r.Id == revisionId)?.Size;
        }
        if (request.RevisionMedia) return new StartOutcome.Direct(client.RevisionMediaUri(file, request.RevisionId!), size);
        Protocol.Download.DownloadRequest planned;
        try
        {
            planned = DownloadPlanner.Plan(file, info.MimeType!, request.MimeType, request.RevisionId);
        }
        catch (DownloadRefusedException refused)
        {
            return new StartOutcome.Refused(refused);
        }
        var started = await CallAsync(runtime, token => runner.RunAsync(ct => client.StartDownloadAsync(planned, token, ct), deadline, onRetry, cancellationToken),
            cancellationToken).ConfigureAwait(false);
        return started is DriveOutcome<OperationState>.Succeeded { Value: var operation }
            ? new StartOutcome.Started(operation, size)
            : new StartOutcome.Failed(FailureOf(started));
    }

    /// <summary>One poll of the operation (the actor waited out the backoff before starting it).</summary>
    public static Task<PollOutcome> PollAsync(DownloadRuntime runtime, DownloadRequested request, PollStep step, Action<RetryNotice> onRetry,
        CancellationToken cancellationToken) =>
        AuthorizedCall.RunAsync(runtime.Tokens, token => runtime.For(request).Runner.PollAsync(step, token, onRetry, cancellationToken),
            outcome => IsUnauthorized(outcome.Result), cancellationToken);

    /// <summary>
    /// Fetches the content (a byte range written at its offset, or the whole stream from byte 0) into the partial file,
    /// through one I/O buffer and no file-stream buffer, and flushes it to disk before returning: what the outcome
    /// reports as written is durable when the actor records it.
    /// </summary>
    public static async Task<ContentOutcome> FetchAsync(DownloadRuntime runtime, DownloadRequested request, Uri uri, string partialPath, ByteRange? range,
        TransferProgress progress, DateTimeOffset deadline, Action<RetryNotice> onRetry, CancellationToken cancellationToken)
    {
        var runner = runtime.For(request).Runner;
        var content = new ContentRequest(uri, FileOf(request), range);
        var stream = new FileStream(partialPath, range is null ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite,
            bufferSize: 0, FileOptions.Asynchronous);
        await using (stream.ConfigureAwait(false))
        {
            if (range is { } r) stream.Position = r.Offset;
            var outcome = await AuthorizedCall.RunAsync(runtime.Tokens,
                token => runner.FetchAsync(content, stream, progress, token, deadline, onRetry, cancellationToken),
                o => o is ContentOutcome.Failed { Failure.StatusCode: 401 }, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
            return outcome;
        }
    }

    /// <summary>
    /// Hashes the complete partial file and renames it into place (atomic on one file system), so the destination only
    /// ever appears complete. When the partial file is gone but the destination holds the expected bytes, the rename
    /// happened before a crash and the destination is hashed instead.
    /// </summary>
    public static async Task<(string Sha256, long Size)> SealAsync(string partialPath, string destination, long expectedSize, CancellationToken cancellationToken)
    {
        if (!File.Exists(partialPath))
        {
            if (File.Exists(destination) && new FileInfo(destination).Length == expectedSize)
                return await HashAsync(destination, expectedSize, cancellationToken).ConfigureAwait(false);
            if (expectedSize != 0)
                throw new IOException($"The partial file '{partialPath}' disappeared after all its bytes were written; resume the download to fetch them again.");
            await File.WriteAllBytesAsync(partialPath, [], cancellationToken).ConfigureAwait(false);
        }
        var sealedFile = await HashAsync(partialPath, expectedSize, cancellationToken).ConfigureAwait(false);
        if (File.Exists(destination))
            throw new IOException($"'{destination}' appeared while the download ran; it was not overwritten. Remove it and resume the download (the complete bytes wait in '{partialPath}').");
        File.Move(partialPath, destination, overwrite: false);
        return sealedFile;
    }

    private static async Task<(string Sha256, long Size)> HashAsync(string path, long expectedSize, CancellationToken cancellationToken)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            if (stream.Length != expectedSize)
                throw new IOException($"'{path}' holds {stream.Length} bytes where {expectedSize} were written; the file was changed outside the engine. Cancel the download and start it again.");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = ArrayPool<byte>.Shared.Rent(HashBuffer);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(buffer.AsMemory(0, HashBuffer), cancellationToken).ConfigureAwait(false)) > 0)
                    hash.AppendData(buffer, 0, read);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), expectedSize);
        }
    }

    /// <summary>The file and its resource key, as every call about it needs them.</summary>
    public static FileRef FileOf(DownloadRequested request) => new(request.FileId, request.ResourceKey);

    private static Task<DriveOutcome<T>> CallAsync<T>(DownloadRuntime runtime, Func<BearerToken, Task<DriveOutcome<T>>> call, CancellationToken cancellationToken) =>
        AuthorizedCall.RunAsync(runtime.Tokens, call, IsUnauthorized, cancellationToken);

    private static bool IsUnauthorized<T>(DriveOutcome<T> outcome) => outcome is DriveOutcome<T>.Failed { Failure.StatusCode: 401 };

    /// <summary>The failure of a call that did not succeed; the runner retries transient outcomes itself, so one that still comes back counts as exhausted.</summary>
    public static DriveFailure FailureOf<T>(DriveOutcome<T> outcome) => outcome switch
    {
        DriveOutcome<T>.Failed failed => failed.Failure,
        DriveOutcome<T>.Transient transient => new DriveFailure(DriveFailureKind.RetriesExhausted, transient.Failure.Detail, CanonicalCode.Unavailable),
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "A successful call has no failure."),
    };
}
