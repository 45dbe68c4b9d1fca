using System.Collections.Concurrent;
using Engine.Benchmarks.Support;
using Engine.Protocol.Download;
using Engine.Protocol.Headers;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;

namespace Engine.Benchmarks.Downloads;

/// <summary>
/// The engine's download wire layer (<see cref="DriveClient"/> + <see cref="DownloadStepRunner"/>) without actor or
/// journal: starts the operation once, then fetches its content as one stream or as segments planned by
/// <see cref="SegmentPlanner"/>, each fetched into its place in the destination file, N at a time.
/// </summary>
internal sealed class WireDownloads
{
    private readonly DriveClient _client;
    private readonly DownloadStepRunner _runner;

    public WireDownloads(HttpClient http, Uri endpoint)
    {
        var options = new DownloadOptions { Endpoint = endpoint.ToString() };
        var retry = new RetryOptions();
        _client = new DriveClient(http, options, retry, TokenScope.From(new HttpOptions(), endpoint), TimeProvider.System);
        _runner = new DownloadStepRunner(_client, options, retry, TimeProvider.System, new Random(1));
    }

    /// <summary>Runs <c>files.download</c> for <paramref name="file"/> and polls until its content URI is ready.</summary>
    public async Task<Uri> PrepareAsync(FileRef file)
    {
        var outcome = await _client.StartDownloadAsync(new DownloadRequest(file, null, null), BenchToken.Bearer, CancellationToken.None);
        for (var polls = 0; polls < 100; polls++)
        {
            switch (outcome)
            {
                case DriveOutcome<OperationState>.Succeeded { Value: OperationState.Ready ready }:
                    return ready.DownloadUri;
                case DriveOutcome<OperationState>.Succeeded { Value: OperationState.Pending pending }:
                    outcome = await _client.GetOperationAsync(new OperationRef(pending.Name, file), BenchToken.Bearer, CancellationToken.None);
                    break;
                default:
                    throw new InvalidOperationException($"Preparing the download of '{file}' failed: {outcome}");
            }
        }
        throw new InvalidOperationException($"The download operation of '{file}' was still pending after 100 polls.");
    }

    /// <summary>Fetches the whole content in one request without a range.</summary>
    public Task FetchWholeAsync(Uri content, FileRef file, string destination) => FetchAsync(new ContentRequest(content, file, null), destination, 0);

    /// <summary>Fetches <paramref name="size"/> bytes as planned segments, <see cref="Segmenting.Segments"/> requests at a time.</summary>
    public async Task FetchSegmentsAsync(Uri content, FileRef file, long size, Segmenting segmenting, string destination)
    {
        var queue = new ConcurrentQueue<ByteRange>(SegmentPlanner.Missing(size, segmenting.Segments, segmenting.SegmentSize, []));
        await Task.WhenAll(Enumerable.Range(0, segmenting.Segments).Select(async _ =>
        {
            while (queue.TryDequeue(out var range))
                await FetchAsync(new ContentRequest(content, file, range), destination, range.Offset);
        }));
    }

    private async Task FetchAsync(ContentRequest request, string destination, long offset)
    {
        await using var stream = new FileStream(destination, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite, 1, FileOptions.Asynchronous);
        stream.Position = offset;
        var outcome = await _runner.FetchAsync(request, stream, new TransferProgress(), BenchToken.Bearer, DateTimeOffset.UtcNow.AddHours(1), null, CancellationToken.None);
        if (outcome is not ContentOutcome.Received)
            throw new InvalidOperationException($"Fetching {request} ended with {outcome}.");
    }
}
