using System.Net;
using System.Net.Http.Headers;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Security;

/// <summary>
/// Sessions and operations belong to the token that created them, at every stage of their life, and the emulator
/// keeps no token anywhere: not on disk, not in its inspector.
/// </summary>
public sealed class TokenBindingTests
{
    [Fact]
    public async Task A_completed_session_is_invisible_to_another_token_and_a_chunk_from_it_changes_nothing()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var owner = new UploadClient(server.BaseAddress, "token-A");
        var media = TestBytes.Media(TestBytes.Chunk * 2);
        var session = await owner.OpenAsync("bound", media.Length);
        using (var firstChunk = await owner.PutAsync(session, media, 0, TestBytes.Chunk - 1)) Assert.Equal(308, (int)firstChunk.StatusCode);

        // Another token tries to finish the upload with its own bytes.
        var forged = TestBytes.Media(media.Length, seed: 99);
        using var intrusion = await owner.PutAsync(session, forged, TestBytes.Chunk, media.Length - 1, tokenOverride: "token-B");
        Assert.Equal(HttpStatusCode.NotFound, intrusion.StatusCode);
        Assert.Equal(TestBytes.Chunk, await owner.StoredAsync(session, media.Length));

        using (var last = await owner.PutAsync(session, media, TestBytes.Chunk, media.Length - 1)) Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        using var foreignQuery = await owner.QueryAsync(session, media.Length, tokenOverride: "token-B");

        Assert.Equal(HttpStatusCode.NotFound, foreignQuery.StatusCode);
        Assert.DoesNotContain("\"id\"", await foreignQuery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(TestBytes.Sha256(media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
    }

    [Fact]
    public async Task Tokens_are_kept_nowhere_the_emulator_writes()
    {
        const string secret = "ya29.emulator-secret-5c1e";
        var data = Path.Combine(Path.GetTempPath(), "engine-emulator-security-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using (var server = await EmulatorServer.StartAsync(new EmulatorOptions { DataDirectory = data, OperationPendingPolls = 0 }))
            {
                using var uploads = new UploadClient(server.BaseAddress, secret);
                var media = TestBytes.Media(1000);
                var session = await uploads.OpenAsync("kept", media.Length);
                using (var put = await uploads.PutWholeAsync(session, media)) Assert.Equal(HttpStatusCode.Created, put.StatusCode);
                var file = server.Files.Add(new DriveFileRegistration("d", DriveFileKind.Blob, FileContent.Generated(5000, seed: 3)));
                using var drive = new DriveClient(server.BaseAddress, secret);
                await drive.RunAsync(file.Id);

                using var inspection = new HttpClient();
                foreach (var view in new[] { "sessions", "uploads", "requests", "operations", "downloads", "faults" })
                    Assert.DoesNotContain(secret, await inspection.GetStringAsync(new Uri(server.BaseAddress, "emulator/" + view)), StringComparison.Ordinal);
            }

            var written = Directory.GetFiles(data, "*", SearchOption.AllDirectories);
            Assert.NotEmpty(written);
            Assert.All(written, f => Assert.DoesNotContain(secret, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f)), StringComparison.Ordinal));
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    public async Task A_request_without_a_usable_bearer_token_gets_401(string authorization)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var request = client.OpenRequest("t", 10);
        request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, server.Inspector.SessionsOpened);
    }
}
