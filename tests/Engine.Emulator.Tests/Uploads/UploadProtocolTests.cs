using System.Net;
using System.Text.Json;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Uploads;

public sealed class UploadProtocolTests
{
    [Fact]
    public async Task A_single_put_completes_with_201_and_the_video_resource_and_stores_the_exact_bytes()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(3 * 1024 * 1024 + 17);
        var session = await client.OpenAsync("whole", media.Length);

        using var response = await client.PutWholeAsync(session, media);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var video = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = video.RootElement;
        Assert.Equal("youtube#video", root.GetProperty("kind").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("id").GetString()));
        Assert.Equal("whole", root.GetProperty("snippet").GetProperty("title").GetString());
        Assert.Equal("uploaded", root.GetProperty("status").GetProperty("uploadStatus").GetString());
        Assert.Equal("private", root.GetProperty("status").GetProperty("privacyStatus").GetString());
        Assert.True(root.TryGetProperty("contentDetails", out _));
        var done = Assert.Single(server.Inspector.CompletedUploads);
        Assert.Equal((media.Length, TestBytes.Sha256(media)), (done.Size, done.Sha256));
        Assert.Equal(root.GetProperty("id").GetString(), done.VideoId);
        Assert.Equal(media, await File.ReadAllBytesAsync(done.StoredPath));
    }

    [Fact]
    public async Task Completion_status_can_be_200()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(["completion-status=200"]));
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(1000);
        var session = await client.OpenAsync("ok", media.Length);
        using var response = await client.PutWholeAsync(session, media);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Status_query_answers_308_without_Range_when_nothing_is_stored_then_with_the_stored_range()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(3 * TestBytes.Chunk);
        var session = await client.OpenAsync("q", media.Length);

        using var empty = await client.QueryAsync(session, media.Length);
        Assert.Equal(308, (int)empty.StatusCode);
        Assert.False(empty.Headers.Contains("Range"));

        using var chunk = await client.PutAsync(session, media, 0, TestBytes.Chunk - 1);
        Assert.Equal(308, (int)chunk.StatusCode);
        Assert.Equal("bytes=0-262143", chunk.Headers.GetValues("Range").Single());

        using var after = await client.QueryAsync(session, media.Length);
        Assert.Equal("bytes=0-262143", after.Headers.GetValues("Range").Single());
    }

    [Fact]
    public async Task Chunks_of_256_KiB_multiples_then_a_short_final_chunk_complete_byte_exact()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(5 * TestBytes.Chunk + 1234);
        var session = await client.OpenAsync("chunks", media.Length);
        var size = 2 * TestBytes.Chunk;

        for (var first = 0; first < media.Length; first += size)
        {
            var last = Math.Min(first + size, media.Length) - 1;
            using var response = await client.PutAsync(session, media, first, last);
            if (last == media.Length - 1)
            {
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            }
            else
            {
                Assert.Equal(308, (int)response.StatusCode);
                Assert.Equal($"bytes=0-{last}", response.Headers.GetValues("Range").Single());
            }
        }

        Assert.Equal(TestBytes.Sha256(media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
    }

    [Fact]
    public async Task The_completed_response_is_repeated_on_later_status_queries()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(4096);
        var session = await client.OpenAsync("again", media.Length);
        using var completed = await client.PutWholeAsync(session, media);
        var body = await completed.Content.ReadAsStringAsync();

        using var repeated = await client.QueryAsync(session, media.Length);

        Assert.Equal(HttpStatusCode.Created, repeated.StatusCode);
        Assert.Equal(body, await repeated.Content.ReadAsStringAsync());
        Assert.Single(server.Inspector.CompletedUploads);
    }

    [Fact]
    public async Task A_non_final_chunk_that_is_not_a_multiple_of_256_KiB_is_refused_and_nothing_is_stored()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(3 * TestBytes.Chunk);
        var session = await client.OpenAsync("odd", media.Length);

        using var response = await client.PutAsync(session, media, 0, TestBytes.Chunk + 99);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("multiple of 256 KiB", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await client.StoredAsync(session, media.Length));
    }

    [Theory]
    [InlineData(0, "overlaps")]
    [InlineData(2 * TestBytes.Chunk, "skips past")]
    public async Task Overlapping_or_skipping_ranges_are_refused_and_none_of_their_bytes_are_stored(int first, string verb)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var media = TestBytes.Media(4 * TestBytes.Chunk);
        var session = await client.OpenAsync("strict", media.Length);
        using (await client.PutAsync(session, media, 0, TestBytes.Chunk - 1))
        {
        }

        using var response = await client.PutAsync(session, media, first, first + TestBytes.Chunk - 1);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = await response.Content.ReadAsStringAsync();
        Assert.Contains(verb, message, StringComparison.Ordinal);
        Assert.Contains($"resume at byte {TestBytes.Chunk}", message, StringComparison.Ordinal);
        Assert.Equal(TestBytes.Chunk, await client.StoredAsync(session, media.Length));
    }

    [Theory]
    [InlineData("bytes 0-9/99", "differs from the declared")]
    [InlineData("bytes 5-1/100", "malformed")]
    [InlineData("bytes -1-5/100", "malformed")]
    [InlineData("bytes 0-99999999999999999999/100", "malformed")]
    [InlineData("items 0-9/100", "malformed")]
    [InlineData("bytes 0-100/100", "beyond the declared size")]
    public async Task Bad_content_ranges_are_refused_with_a_message(string contentRange, string mentioned)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("bad", 100);
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent(new byte[10]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
        request.Headers.Authorization = new("Bearer", "token-A");

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(mentioned, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await client.StoredAsync(session, 100));
    }

    [Fact]
    public async Task A_content_length_that_disagrees_with_the_range_is_refused()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("len", 100);
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent(new byte[10]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Range", "bytes 0-99/100");
        request.Headers.Authorization = new("Bearer", "token-A");

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("does not match Content-Range", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_upload_completes_on_its_status_query()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("empty", 0);

        using var response = await client.QueryAsync(session, 0);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var done = Assert.Single(server.Inspector.CompletedUploads);
        Assert.Equal((0L, TestBytes.Sha256([])), (done.Size, done.Sha256));
    }

    [Theory]
    [InlineData("video/mp4", "video/mp4", 201)]
    [InlineData("video/mp4", "video/mp4; codecs=avc1", 201)]
    [InlineData("video/*", "video/webm", 201)]
    [InlineData("video/mp4", "image/png", 400)]
    [InlineData("application/octet-stream", "video/mp4", 400)]
    public async Task The_media_Content_Type_must_match_the_declared_type(string declared, string sent, int status)
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        using var open = await client.Http.SendAsync(client.OpenRequest("typed", 100, declared));
        var request = new HttpRequestMessage(HttpMethod.Put, open.Headers.Location) { Content = new ByteArrayContent(new byte[100]) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", sent);
        request.Headers.Authorization = new("Bearer", "token-A");

        using var response = await client.Http.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        if (status == 400)
        {
            Assert.Contains("X-Upload-Content-Type", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}
