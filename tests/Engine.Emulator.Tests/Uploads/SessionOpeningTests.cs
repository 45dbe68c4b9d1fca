using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Uploads;

public sealed class SessionOpeningTests
{
    [Fact]
    public async Task Opening_answers_200_with_an_empty_body_and_a_session_uri_in_Location()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);

        using var response = await client.Http.SendAsync(client.OpenRequest("clip", 1000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, response.Content.Headers.ContentLength);
        var location = response.Headers.Location!;
        Assert.Equal(server.BaseAddress.Authority, location.Authority);
        Assert.Equal("/upload/youtube/v3/videos", location.AbsolutePath);
        Assert.Contains("uploadType=resumable", location.Query, StringComparison.Ordinal);
        Assert.Contains("upload_id=", location.Query, StringComparison.Ordinal);
        Assert.Contains("part=snippet%2Cstatus%2CcontentDetails", location.Query, StringComparison.Ordinal);
        var session = Assert.Single(server.Inspector.Sessions);
        Assert.Equal(("clip", 1000L, "video/mp4"), (session.Title, session.DeclaredLength, session.ContentType));
        Assert.Equal(1, server.Inspector.SessionsOpened);
        Assert.Equal(1, server.Inspector.SessionsOpenedFor("clip"));
    }

    [Theory]
    [InlineData("video/mp4")]
    [InlineData("video/*")]
    [InlineData("application/octet-stream")]
    public async Task Accepted_media_types(string type)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        using var response = await client.Http.SendAsync(client.OpenRequest("t", 10, type));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, Action<HttpRequestMessage>, int, string> BadRequests => new()
    {
        { "no token", r => r.Headers.Authorization = null, 401, "Authorization: Bearer" },
        { "empty token", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", " "), 401, "Authorization: Bearer" },
        { "no length", r => r.Headers.Remove("X-Upload-Content-Length"), 400, "X-Upload-Content-Length" },
        { "negative length", r => { r.Headers.Remove("X-Upload-Content-Length"); r.Headers.Add("X-Upload-Content-Length", "-5"); }, 400, "X-Upload-Content-Length" },
        { "bad media type", r => { r.Headers.Remove("X-Upload-Content-Type"); r.Headers.Add("X-Upload-Content-Type", "image/png"); }, 400, "X-Upload-Content-Type" },
        { "no media type", r => r.Headers.Remove("X-Upload-Content-Type"), 400, "X-Upload-Content-Type" },
        { "not resumable", r => r.RequestUri = new Uri(r.RequestUri!.ToString().Replace("uploadType=resumable", "uploadType=media", StringComparison.Ordinal)), 400, "uploadType=resumable" },
        { "no part", r => r.RequestUri = new Uri(r.RequestUri!.ToString().Replace("&part=snippet,status,contentDetails", "", StringComparison.Ordinal)), 400, "'part'" },
        { "invalid json", r => r.Content = new StringContent("{not json", Encoding.UTF8, "application/json"), 400, "JSON object" },
        { "json array", r => r.Content = new StringContent("[1]", Encoding.UTF8, "application/json"), 400, "JSON object" },
        { "not json", r => r.Content = new StringContent("title=x", Encoding.UTF8, "text/plain"), 400, "application/json" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Invalid_session_requests_are_refused_with_a_message_naming_the_problem(
        string _, Action<HttpRequestMessage> spoil, int status, string mentioned)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var request = client.OpenRequest("t", 10);
        spoil(request);

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, server.Inspector.SessionsOpened);
    }

    [Fact]
    public async Task Metadata_above_the_limit_gets_413_and_headers_above_the_limit_get_431()
    {
        var options = new EmulatorOptions { MaxMetadataBytes = 1024, MaxRequestHeaderBytes = 8 * 1024 };
        await using var server = await EmulatorServer.StartAsync(options);
        using var client = new UploadClient(server.BaseAddress);

        using var big = await client.Http.SendAsync(client.OpenRequest("t", 10, body: $$$"""{"snippet":{"title":"{{{new string('x', 2000)}}}"}}"""));
        var request = client.OpenRequest("t", 10);
        request.Headers.Add("X-Padding", new string('p', 16 * 1024));
        using var hugeHeaders = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(HttpStatusCode.RequestHeaderFieldsTooLarge, hugeHeaders.StatusCode);
        Assert.Equal(0, server.Inspector.SessionsOpened);
    }

    [Fact]
    public async Task An_empty_metadata_body_opens_a_session()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var request = client.OpenRequest("t", 10);
        request.Content = new ByteArrayContent([]);
        using var response = await client.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Assert.Single(server.Inspector.Sessions).Title);
    }
}
