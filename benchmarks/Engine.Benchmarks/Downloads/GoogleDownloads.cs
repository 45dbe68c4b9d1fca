using Engine.Benchmarks.Support;
using Google.Apis.Download;
using Google.Apis.Services;

namespace Engine.Benchmarks.Downloads;

/// <summary>Google's own <see cref="MediaDownloader"/> at its default chunk size, over the smallest client service it needs.</summary>
internal sealed class GoogleDownloads(Uri endpoint) : IDisposable
{
    private readonly DownloadService _service = new(endpoint);

    /// <summary>Downloads <paramref name="content"/> into <paramref name="destination"/> (created or truncated).</summary>
    public async Task DownloadAsync(Uri content, string destination)
    {
        await using var file = new FileStream(destination, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 128 * 1024, FileOptions.Asynchronous);
        var progress = await new MediaDownloader(_service).DownloadAsync(content.ToString(), file);
        if (progress.Status != DownloadStatus.Completed)
            throw new InvalidOperationException($"Google.Apis MediaDownloader ended {progress.Status}.", progress.Exception);
    }

    public void Dispose() => _service.Dispose();

    private sealed class DownloadService(Uri endpoint)
        : BaseClientService(new Initializer { HttpClientInitializer = new GoogleBearer(), ApplicationName = "engine-bench" })
    {
        public override string Name => "drive";
        public override string BaseUri => new Uri(endpoint, "drive/v3/").ToString();
        public override string BasePath => "drive/v3/";
        public override IList<string> Features => [];
    }
}
