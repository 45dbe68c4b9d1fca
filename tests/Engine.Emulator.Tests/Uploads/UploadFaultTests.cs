using System.Net;
using Engine.Emulator.Faults;
using Engine.Emulator.Tests.Support;
using Engine.Emulator.Uploads;
using Engine.TestKit;

namespace Engine.Emulator.Tests.Uploads;

public sealed class UploadFaultTests
{
    private static readonly byte[] Media = TestBytes.Media(4 * TestBytes.Chunk + 500);

    [Fact]
    public async Task A_reset_after_N_bytes_aborts_the_connection_and_keeps_exactly_N_bytes()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(["fault=reset:after=300000,nth=1"]));
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("reset", Media.Length);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PutWholeAsync(session, Media));

        Assert.Equal(300_000, await client.StoredAsync(session, Media.Length));
        using var resumed = await client.PutAsync(session, Media, 300_000, Media.Length - 1);
        Assert.Equal(HttpStatusCode.Created, resumed.StatusCode);
        Assert.Equal(TestBytes.Sha256(Media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
        var cut = server.Inspector.Requests.Single(r => r.Target == "put" && r.Aborted);
        Assert.Equal(0, cut.Status);
        Assert.True(cut.BodyBytesReceived >= 300_000);
        Assert.Equal(1, server.Inspector.FaultsFired["reset"]);
        Assert.Equal(1, Assert.Single(server.Inspector.Sessions).Interruptions);
    }

    [Fact]
    public async Task A_reset_after_every_byte_arrived_still_completes_and_the_status_query_returns_the_resource()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse([$"fault=reset:after={Media.Length},nth=1"]));
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("lost-answer", Media.Length);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PutWholeAsync(session, Media));

        Assert.Equal(TestBytes.Sha256(Media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
        using var status = await client.QueryAsync(session, Media.Length);
        Assert.Equal(HttpStatusCode.Created, status.StatusCode);
        Assert.Contains("\"kind\"", await status.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_body_cut_off_by_the_client_keeps_the_bytes_that_arrived()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("cut", Media.Length);
        var request = new HttpRequestMessage(HttpMethod.Put, session)
        {
            Content = new InterruptedContent(Media, 100_000, () => Eventually.TrueAsync(
                () => server.Inspector.Sessions.Single().StoredLength == 100_000, "server stored the first 100000 bytes")),
        };
        request.Headers.Authorization = new("Bearer", "token-A");

        await Assert.ThrowsAnyAsync<Exception>(() => client.Http.SendAsync(request));

        await Eventually.TrueAsync(() => server.Inspector.Sessions.Single().Interruptions == 1, "server saw the interruption");
        Assert.Equal(100_000, await client.StoredAsync(session, Media.Length));
    }

    [Fact]
    public async Task The_nth_request_gets_the_chosen_status_with_Retry_After_and_nothing_is_stored()
    {
        await using var server = await EmulatorServer.StartAsync();
        server.Faults.Add("status:code=503,retry-after=7s,on=put,nth=2");
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("busy", Media.Length);

        using var first = await client.PutAsync(session, Media, 0, TestBytes.Chunk - 1);
        using var second = await client.PutAsync(session, Media, TestBytes.Chunk, 2 * TestBytes.Chunk - 1);

        Assert.Equal(308, (int)first.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode);
        Assert.Equal("7", second.Headers.GetValues("Retry-After").Single());
        Assert.Equal(TestBytes.Chunk, await client.StoredAsync(session, Media.Length));
        Assert.Equal(TestBytes.Chunk, server.Inspector.Requests.Single(r => r.Status == 503).BodyBytesReceived);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(408)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(504)]
    public async Task Any_chosen_status_can_answer_a_status_query_or_a_session_request(int status)
    {
        await using var server = await EmulatorServer.StartAsync();
        server.Faults.Add(new FaultRule(FaultTarget.Query, new RespondStatus(status), FaultTrigger.Nth(1)));
        server.Faults.Add(new FaultRule(FaultTarget.Open, new RespondStatus(status), FaultTrigger.Nth(2)));
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("s", Media.Length);

        using var query = await client.QueryAsync(session, Media.Length);
        using var open = await client.Http.SendAsync(client.OpenRequest("s2", 5));

        Assert.Equal(status, (int)query.StatusCode);
        Assert.Equal(status, (int)open.StatusCode);
        Assert.False(query.Headers.Contains("Retry-After"));
        Assert.Equal(1, server.Inspector.SessionsOpened);
    }

    [Theory]
    [InlineData(308)]
    [InlineData(503)]
    public async Task A_partial_store_keeps_only_the_first_bytes_then_answers_308_or_503_with_Retry_After(int status)
    {
        await using var server = await EmulatorServer.StartAsync();
        server.Faults.Add($"partial:bytes=100000,status={status},retry-after=4s,nth=1");
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("partial", Media.Length);

        using var response = await client.PutAsync(session, Media, 0, 2 * TestBytes.Chunk - 1);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("4", response.Headers.GetValues("Retry-After").Single());
        if (status == 308)
        {
            Assert.Equal("bytes=0-99999", response.Headers.GetValues("Range").Single());
        }

        Assert.Equal(100_000, await client.StoredAsync(session, Media.Length));
        using var rest = await client.PutAsync(session, Media, 100_000, Media.Length - 1);
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal(TestBytes.Sha256(Media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
    }

    [Fact]
    public async Task A_session_expires_after_an_interruption()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(
            ["fault=reset:after=1000,nth=1", "fault=expire:on=interrupted,nth=1"]));
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("gone", Media.Length);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PutWholeAsync(session, Media));
        using var query = await client.QueryAsync(session, Media.Length);

        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
        Assert.Equal(UploadSessionState.Expired, Assert.Single(server.Inspector.Sessions).State);
    }

    [Fact]
    public async Task An_injected_expiry_answers_404_at_once()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(["fault=expire:on=query,nth=1"]));
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("gone", Media.Length);

        using var query = await client.QueryAsync(session, Media.Length);
        using var put = await client.PutAsync(session, Media, 0, Media.Length - 1);

        Assert.Equal(HttpStatusCode.NotFound, query.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
    }

    [Fact]
    public async Task An_injected_expiry_does_not_undo_a_completed_upload_whose_answer_was_lost()
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(
            [$"fault=reset:after={Media.Length},nth=1", "fault=expire:on=query,nth=1"]));
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("done", Media.Length);

        await Assert.ThrowsAsync<HttpRequestException>(() => client.PutWholeAsync(session, Media));
        using var query = await client.QueryAsync(session, Media.Length);

        Assert.Equal(HttpStatusCode.Created, query.StatusCode);
        Assert.Equal(UploadSessionState.Completed, Assert.Single(server.Inspector.Sessions).State);
        Assert.Single(server.Inspector.CompletedUploads);
    }

    [Fact]
    public async Task A_session_expires_after_its_lifetime()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock, SessionLifetime = TimeSpan.FromMinutes(10) });
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("old", Media.Length);

        clock.Advance(TimeSpan.FromMinutes(9));
        using var alive = await client.QueryAsync(session, Media.Length);
        clock.Advance(TimeSpan.FromMinutes(1));
        using var expired = await client.QueryAsync(session, Media.Length);

        Assert.Equal(308, (int)alive.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
    }

    [Fact]
    public async Task Latency_delays_the_answer_by_the_configured_time()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock });
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("slow", Media.Length);
        server.Faults.Add("latency:delay=5s,on=query");

        var pending = client.QueryAsync(session, Media.Length);
        await Eventually.TrueAsync(() => clock.ArmedTimers == 1, "the latency timer is armed");
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(pending.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        using var response = await pending;

        Assert.Equal(308, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_bandwidth_cap_paces_what_is_stored_and_the_answer()
    {
        var clock = new ManualTimeProvider();
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { TimeProvider = clock });
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("capped", Media.Length);
        server.Faults.Add("bandwidth:bps=256KiB,on=put");

        var pending = client.PutWholeAsync(session, Media);
        // The client has long sent the whole body into the socket; the server takes it only as fast as the cap allows.
        var advanced = TimeSpan.Zero;
        while (!pending.IsCompleted)
        {
            if (clock.ArmedTimers > 0)
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                advanced += TimeSpan.FromMilliseconds(100);
                if (advanced == TimeSpan.FromSeconds(1))
                {
                    // About one second at 256 KiB/s (taken an eighth of a second at a time), not a socket buffer at once.
                    await Eventually.TrueAsync(() => clock.ArmedTimers > 0, "the server waiting for the cap");
                    Assert.InRange(server.Inspector.Sessions.Single().StoredLength, 128 * 1024, 320 * 1024);
                }
            }

            await Task.Delay(5);
        }

        using var response = await pending;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(advanced >= TimeSpan.FromSeconds(3.9), $"1 MiB at 256 KiB/s took only {advanced} of emulated time");
        Assert.Equal(TestBytes.Sha256(Media), Assert.Single(server.Inspector.CompletedUploads).Sha256);
    }

    [Fact]
    public async Task Fault_rules_can_be_switched_at_run_time()
    {
        await using var server = await EmulatorServer.StartAsync();
        using var client = new UploadClient(server.BaseAddress);
        var session = await client.OpenAsync("switch", Media.Length);

        server.Faults.Add("status:code=500,on=query");
        using var failing = await client.QueryAsync(session, Media.Length);
        server.Faults.Clear();
        using var healthy = await client.QueryAsync(session, Media.Length);

        Assert.Equal(HttpStatusCode.InternalServerError, failing.StatusCode);
        Assert.Equal(308, (int)healthy.StatusCode);
        Assert.Empty(server.Faults.Rules);
        Assert.Equal(1, server.Inspector.FaultsFired["status"]);
    }
}
