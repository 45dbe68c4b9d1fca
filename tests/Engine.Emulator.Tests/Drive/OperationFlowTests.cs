using System.Net;
using Engine.Emulator.Drive;
using Engine.Emulator.Tests.Support;
using Engine.TestKit;

namespace Engine.Emulator.Tests.Drive;

public sealed class OperationFlowTests
{
    private static readonly FileContent Video = FileContent.Generated(2 * 1024 * 1024 + 333, seed: 5);

    [Fact]
    public async Task Download_answers_a_pending_operation_that_polls_to_a_download_uri_serving_the_exact_bytes()
    {
        await using var server = await EmulatorServer.StartAsync();
        var file = server.Files.Add(new DriveFileRegistration("clip.mp4", DriveFileKind.Blob, Video) { MimeType = "video/mp4" });
        using var client = new DriveClient(server.BaseAddress);

        var started = await client.StartAsync(file.Id);
        Assert.False(started.TryGetProperty("done", out _));
        Assert.False(started.TryGetProperty("response", out _));
        Assert.Equal(OperationJson.MetadataType, started.GetProperty("metadata").GetProperty("@type").GetString());
        var name = started.GetProperty("name").GetString()!;

        using (var pending = await client.SendAsync(HttpMethod.Get, $"drive/v3/operations/{name}"))
        {
            var body = System.Text.Json.JsonDocument.Parse(await pending.Content.ReadAsStringAsync()).RootElement;
            Assert.False(body.GetProperty("done").GetBoolean());
        }

        var done = await client.PollUntilDoneAsync(name);
        var response = done.GetProperty("response");
        Assert.Equal(OperationJson.ResponseType, response.GetProperty("@type").GetString());
        Assert.True(response.GetProperty("partialDownloadAllowed").GetBoolean());
        var uri = DriveClient.DownloadUri(done);
        Assert.Equal(server.BaseAddress.Authority, uri.Authority);

        using var content = await client.SendAsync(HttpMethod.Get, uri);
        Assert.Equal(HttpStatusCode.OK, content.StatusCode);
        Assert.Equal("video/mp4", content.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Video.ComputeSha256(), TestBytes.Sha256(await content.Content.ReadAsByteArrayAsync()));

        Assert.Equal(1, server.Inspector.DownloadCalls(file.Id));
        var info = server.Inspector.Operation(name)!;
        Assert.Equal(2, info.PollTimes.Count);
        Assert.True(info.Done);
        Assert.Equal(new ServedRange(0, Video.Length - 1, Video.Length, 200, false), Assert.Single(info.RangesServed));
    }

    [Fact]
    public async Task An_operation_stays_pending_for_the_configured_polls_and_time()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            TimeProvider = clock, OperationPendingPolls = 3, OperationPendingTime = TimeSpan.FromSeconds(30),
        });
        var file = server.Files.Add(new DriveFileRegistration("v", DriveFileKind.Vids, Video));
        using var client = new DriveClient(server.BaseAddress);
        var name = (await client.StartAsync(file.Id)).GetProperty("name").GetString()!;

        async Task<bool> PollAsync()
        {
            using var r = await client.SendAsync(HttpMethod.Get, $"drive/v3/operations/{name}");
            return System.Text.Json.JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("done").GetBoolean();
        }

        Assert.False(await PollAsync());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await PollAsync());
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.False(await PollAsync());
        Assert.False(await PollAsync()); // fourth poll, but only 20 s have passed
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(await PollAsync());

        var polls = server.Inspector.Operation(name)!.PollTimes;
        Assert.Equal([0, 10, 20, 20, 30], polls.Select(t => (int)(t - polls[0]).TotalSeconds));
    }

    [Fact]
    public async Task An_operation_and_its_content_are_NOT_FOUND_after_the_lifetime()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            TimeProvider = clock, OperationPendingPolls = 0, OperationLifetime = TimeSpan.FromHours(12),
        });
        var file = server.Files.Add(new DriveFileRegistration("b", DriveFileKind.Blob, Video));
        using var client = new DriveClient(server.BaseAddress);
        var done = await client.RunAsync(file.Id);
        var name = done.GetProperty("name").GetString()!;

        clock.Advance(TimeSpan.FromHours(12));
        using var poll = await client.SendAsync(HttpMethod.Get, $"drive/v3/operations/{name}");
        using var content = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done));

        Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
        Assert.Contains("call files.download again", await poll.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("\"NOT_FOUND\"", await poll.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
    }

    [Fact]
    public async Task Operations_and_content_are_bound_to_the_token_that_created_them()
    {
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { OperationPendingPolls = 0 });
        var file = server.Files.Add(new DriveFileRegistration("b", DriveFileKind.Blob, Video));
        using var client = new DriveClient(server.BaseAddress, "token-A");
        var done = await client.RunAsync(file.Id);
        var name = done.GetProperty("name").GetString()!;

        using var poll = await client.SendAsync(HttpMethod.Get, $"drive/v3/operations/{name}", tokenOverride: "token-B");
        using var content = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done), tokenOverride: "token-B");
        using var anonymous = await client.SendAsync(HttpMethod.Get, DriveClient.DownloadUri(done), tokenOverride: "");

        Assert.Equal(HttpStatusCode.NotFound, poll.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, content.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Theory]
    [InlineData("drive/v3/files/a.b/download", "fileId")]
    [InlineData("drive/v3/files/x%2F..%2Fy/download", "fileId")]
    [InlineData("drive/v3/operations/..%2Fetc", "name")]
    public async Task Malformed_ids_are_refused(string path, string mentioned)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new DriveClient(server.BaseAddress);

        using var response = await client.SendAsync(path.Contains("operations", StringComparison.Ordinal) ? HttpMethod.Get : HttpMethod.Post, path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_file_is_NOT_FOUND_and_still_counted_as_a_download_call()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new DriveClient(server.BaseAddress);

        using var response = await client.SendAsync(HttpMethod.Post, "drive/v3/files/nosuchfile/download");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("File not found: nosuchfile", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, server.Inspector.DownloadCalls("nosuchfile"));
    }
}
