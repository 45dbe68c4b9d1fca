using System.Net;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Uploads;

public sealed class SessionSecurityTests
{
    [Fact]
    public async Task A_session_is_invisible_to_another_token()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress, "token-A");
        var media = TestBytes.Media(TestBytes.Chunk * 2);
        var session = await client.OpenAsync("mine", media.Length);

        using var query = await client.QueryAsync(session, media.Length, tokenOverride: "token-B");
        using var put = await client.PutAsync(session, media, 0, media.Length - 1, tokenOverride: "token-B");

        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(0, await client.StoredAsync(session, media.Length));
    }

    [Fact]
    public async Task A_put_without_a_token_gets_401()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("t", 10);
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent(new byte[10]) };

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("..%2F..%2Fetc%2Fpasswd")]
    [InlineData("../secret")]
    [InlineData("a.b")]
    [InlineData("")]
    public async Task Malformed_upload_ids_are_refused(string uploadId)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var uri = new Uri(server.BaseAddress, $"upload/youtube/v3/videos?uploadType=resumable&upload_id={uploadId}");

        using var response = await client.QueryAsync(uri, 10);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("upload_id", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_session_gets_404_telling_to_start_over()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var uri = new Uri(server.BaseAddress, "upload/youtube/v3/videos?uploadType=resumable&upload_id=nosuchsession");

        using var response = await client.QueryAsync(uri, 10);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("open a new session", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_request_log_redacts_the_token()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress, "secret-token-123");
        await client.OpenAsync("t", 10);

        var entry = Assert.Single(server.Inspector.Requests);

        Assert.Equal("Bearer [redacted]", entry.Headers["Authorization"]);
        Assert.Equal(("POST", "open", 200), (entry.Method, entry.Target, entry.Status));
        Assert.DoesNotContain("secret-token-123", System.Text.Json.JsonSerializer.Serialize(server.Inspector.Requests), StringComparison.Ordinal);
    }
}
