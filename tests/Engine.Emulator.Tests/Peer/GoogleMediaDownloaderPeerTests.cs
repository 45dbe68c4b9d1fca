using System.Net.Http.Headers;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;
using Google.Apis.Download;

namespace Engine.Emulator.Tests.Peer;

/// <summary>Google's own <c>MediaDownloader</c> fetches content from the emulator's <c>downloadUri</c>.</summary>
public sealed class GoogleMediaDownloaderPeerTests
{
    private static readonly FileContent Video = FileContent.Generated(5 * 1024 * 1024 + 77, seed: 31);

    [Fact]
    public async Task Google_client_downloads_blob_content_byte_exact()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var file = server.Files.Add(new DriveFileRegistration("clip", DriveFileKind.Blob, Video) { MimeType = "video/mp4" });
        using var drive = new DriveClient(server.BaseAddress, "peer-token");
        var uri = DriveClient.DownloadUri(await drive.RunAsync(file.Id));
        using var service = new PeerClientService(server.BaseAddress, "peer-token");
        var downloader = new MediaDownloader(service) { ChunkSize = 1024 * 1024 };
        using var received = new MemoryStream();

        var progress = await downloader.DownloadAsync(uri.ToString(), received);

        Assert.Null(progress.Exception);
        Assert.Equal(DownloadStatus.Completed, progress.Status);
        Assert.Equal(Video.ComputeSha256(), TestBytes.Sha256(received.ToArray()));
    }

    [Fact]
    public async Task Google_client_downloads_a_byte_range_of_a_resource_key_protected_file()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var file = server.Files.Add(new DriveFileRegistration("shared", DriveFileKind.Blob, Video) { ResourceKey = "rk-1" });
        var key = $"{file.Id}/rk-1";
        using var drive = new DriveClient(server.BaseAddress, "peer-token");
        var uri = DriveClient.DownloadUri(await drive.RunAsync(file.Id, resourceKey: key));
        using var service = new PeerClientService(server.BaseAddress, "peer-token");
        var downloader = new MediaDownloader(service)
        {
            Range = new RangeHeaderValue(1_000_000, 2_999_999),
            ModifyRequest = request => request.Headers.Add("X-Goog-Drive-Resource-Keys", key),
        };
        using var received = new MemoryStream();

        var progress = await downloader.DownloadAsync(uri.ToString(), received);

        Assert.Null(progress.Exception);
        Assert.Equal(Video.ReadRange(1_000_000, 2_000_000), received.ToArray());
        Assert.Equal(new ServedRange(1_000_000, 2_999_999, 2_000_000, 206, false), server.Inspector.Operations.Single().RangesServed.Single());
    }
}
