using Engine.Emulator.Tests.Support;
using Google.Apis.Http;
using Google.Apis.Upload;

namespace Engine.Emulator.Tests.Peer;

/// <summary>Google's own client (Google.Apis 1.78.0) is the second judge of the emulator's upload protocol.</summary>
public sealed class GoogleResumableUploadPeerTests
{
    private static readonly byte[] Media = TestBytes.Media(3 * 1024 * 1024 + 4321, seed: 11);

    public static TheoryData<string, int> Faults => new()
    {
        { "reset:after=300000,nth=1", ResumableUpload.DefaultChunkSize },
        { "reset:after=300000,nth=2", 4 * TestBytes.Chunk },
        { "status:code=503,retry-after=1s,nth=2", 4 * TestBytes.Chunk },
        { "status:code=503,retry-after=1s,nth=1", ResumableUpload.DefaultChunkSize },
        { "partial:bytes=100000,status=308,nth=1", 4 * TestBytes.Chunk },
        { "partial:bytes=300000,status=503,nth=2", 4 * TestBytes.Chunk },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Google_client_uploads_through_an_injected_fault_and_the_stored_bytes_match(string fault, int chunkSize)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var opener = new UploadClient(server.BaseAddress, "peer-token");
        var sessionUri = await opener.OpenAsync("peer", Media.Length);
        server.Faults.Add(fault);

        var progress = await UploadWithGoogleClientAsync(sessionUri, chunkSize);

        Assert.Null(progress.Exception);
        Assert.Equal(UploadStatus.Completed, progress.Status);
        var done = Assert.Single(server.Inspector.CompletedUploads);
        Assert.Equal((Media.Length, TestBytes.Sha256(Media)), (done.Size, done.Sha256));
        Assert.Equal(1, server.Inspector.SessionsOpened);
        Assert.Equal(1, server.Inspector.FaultsFired.Values.Sum());
    }

    [Fact]
    public async Task Google_client_uploads_in_256_KiB_chunks_without_faults()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var opener = new UploadClient(server.BaseAddress, "peer-token");
        var sessionUri = await opener.OpenAsync("peer", Media.Length);

        var progress = await UploadWithGoogleClientAsync(sessionUri, TestBytes.Chunk);

        Assert.Equal(UploadStatus.Completed, progress.Status);
        Assert.Equal(TestBytes.Sha256(Media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
        Assert.Equal(13, server.Inspector.Requests.Count(r => r.Target == "put"));
    }

    private static async Task<IUploadProgress> UploadWithGoogleClientAsync(Uri sessionUri, int chunkSize)
    {
        using var http = new HttpClientFactory().CreateHttpClient(new CreateHttpClientArgs { ApplicationName = "emulator-peer-test" });
        http.MessageHandler.AddExecuteInterceptor(new BearerInterceptor("peer-token"));
        using var stream = new MemoryStream(Media, writable: false);
        var upload = ResumableUpload.CreateFromUploadUri(sessionUri, stream, new ResumableUploadOptions { HttpClient = http });
        upload.ChunkSize = chunkSize;
        return await upload.UploadAsync();
    }
}
