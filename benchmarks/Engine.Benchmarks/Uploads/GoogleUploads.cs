using Engine.Benchmarks.Support;
using Google.Apis.Http;
using Google.Apis.Upload;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// Google's own client, <c>Google.Apis</c> <see cref="ResumableUpload"/>, continuing a session opened elsewhere
/// (<see cref="ResumableUpload.CreateFromUploadUri"/>) with its standard HTTP client factory.
/// </summary>
internal sealed class GoogleUploads : IDisposable
{
    private readonly ConfigurableHttpClient _http;

    public GoogleUploads()
    {
        _http = new HttpClientFactory().CreateHttpClient(new CreateHttpClientArgs { ApplicationName = "engine-bench" });
        new GoogleBearer().Initialize(_http);
    }

    /// <summary>Uploads <paramref name="path"/> into <paramref name="session"/> in chunks of <paramref name="chunkSize"/>.</summary>
    public async Task UploadAsync(Uri session, string path, int chunkSize, CancellationToken cancellationToken = default)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, RawUploads.BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var upload = ResumableUpload.CreateFromUploadUri(session, file, new ResumableUploadOptions { HttpClient = _http });
        upload.ChunkSize = chunkSize;
        var progress = await upload.UploadAsync(cancellationToken);
        if (progress.Status != UploadStatus.Completed)
            throw new InvalidOperationException($"Google.Apis ResumableUpload of '{path}' ended {progress.Status}.", progress.Exception);
    }

    public void Dispose() => _http.Dispose();
}
