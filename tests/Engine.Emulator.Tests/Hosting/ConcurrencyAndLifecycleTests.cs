using System.Net;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Hosting;

public sealed class ConcurrencyAndLifecycleTests
{
    [Fact]
    public async Task Many_concurrent_uploads_and_downloads_are_each_byte_exact()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        using var uploads = new UploadClient(server.BaseAddress);
        using var drive = new DriveClient(server.BaseAddress);
        var media = Enumerable.Range(0, 32).Select(i => TestBytes.Media(700_000 + i, seed: i)).ToArray();
        var files = Enumerable.Range(0, 32)
            .Select(i => server.Files.Add(new DriveFileRegistration($"f{i}", DriveFileKind.Blob, FileContent.Generated(500_000 + i, i))))
            .ToArray();

        var uploading = media.Select(async (bytes, i) =>
        {
            var session = await uploads.OpenAsync($"u{i}", bytes.Length);
            using var response = await uploads.PutAsync(session, bytes, 0, bytes.Length - 1);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        });
        var downloading = files.Select(async file =>
        {
            var done = await drive.RunAsync(file.Id);
            using var content = await drive.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done));
            return (file, sha: TestBytes.Sha256(await content.Content.ReadAsByteArrayAsync()));
        });
        await Task.WhenAll(uploading);
        var downloaded = await Task.WhenAll(downloading);

        Assert.Equal(
            media.Select(m => TestBytes.Sha256(m)).Order(),
            server.Inspector.CompletedUploads.Select(u => u.Sha256).Order());
        Assert.All(downloaded, d => Assert.Equal(d.file.Head.Content.ComputeSha256(), d.sha));
        Assert.Equal(32, server.Inspector.SessionsOpened);
    }

    [Fact]
    public async Task Stopping_then_disposing_releases_the_port_and_the_temporary_data()
    {
        var server = await EmulatorServer.StartAsync();
        var data = server.DataDirectory;
        using var client = new UploadClient(server.BaseAddress);
        await client.OpenAsync("t", 1);

        await server.StopAsync();
        await server.DisposeAsync();
        await server.DisposeAsync();

        Assert.False(Directory.Exists(data));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.OpenAsync("t", 1));
    }
}
