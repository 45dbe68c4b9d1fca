using System.Text;
using Engine.Protocol.Http;
using Engine.Protocol.Resilience;
using Engine.Protocol.Tests.Support;
using Engine.Protocol.Upload;
using Engine.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Protocol.Tests.Hostile;

/// <summary>
/// Hostile servers at the transport level, over real sockets on 127.0.0.1: oversized headers, endless bodies and
/// slowloris answers. Every read is bounded in bytes or in time (the stall watchdog on the manual clock).
/// </summary>
public sealed class HostileTransportTests
{
    private static readonly UploadSessionRequest Session = new("""{"snippet":{"title":"t"}}""", "snippet", 1000, "video/mp4");
    private static readonly BearerToken Token = new("hostile-test-token");

    private static ResumableUploadClient Client(RawHttpServer server, HttpClient http, TimeProvider time, int maxAttempts = 3) =>
        new(http, new UploadOptions { Endpoint = server.BaseUri.AbsoluteUri }, Retry(maxAttempts), new TokenScope([server.BaseUri], []), time);

    private static RetryOptions Retry(int maxAttempts) => new()
    {
        InitialDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(10), Jitter = JitterMode.None,
        MaxAttempts = maxAttempts, StallTimeout = TimeSpan.FromSeconds(30),
    };

    private static UploadTarget Target(RawHttpServer server, TempFile file) =>
        new(new Uri(server.BaseUri, "/upload/youtube/v3/videos?upload_id=s1"), file.Path, file.Size, "video/mp4");

    /// <summary>Sends <paramref name="head"/> then drips <paramref name="drip"/> one byte every 20 ms until the client hangs up.</summary>
    private static async Task DripAsync(RawExchange exchange, string head, string drip)
    {
        try
        {
            await exchange.SendRawAsync(Encoding.ASCII.GetBytes(head));
            for (var i = 0; ; i = (i + 1) % drip.Length)
            {
                await exchange.SendRawAsync(Encoding.ASCII.GetBytes(drip[i..(i + 1)]));
                await Task.Delay(20);
            }
        }
        catch (IOException)
        {
            // The client gave up on the answer: what the test expects.
        }
    }

    [Fact]
    public async Task Response_headers_beyond_the_limit_are_refused_and_retries_are_bounded()
    {
        static Func<RawExchange, Task> Flood() => async exchange =>
        {
            try
            {
                await exchange.RespondAsync("200 OK", "", "X-Flood: " + new string('a', 200_000));
            }
            catch (IOException)
            {
                // The client closed the connection on the flood.
            }
        };
        await using var server = new RawHttpServer(Flood(), Flood());
        using var http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);
        var client = Client(server, http, TimeProvider.System, maxAttempts: 2);

        var outcome = await new UploadStepRunner(client, Retry(2), TimeProvider.System, new Random(1))
            .OpenSessionAsync(Session, Token, DateTimeOffset.UtcNow.AddHours(1), null, default).WaitAsync(TimeSpan.FromSeconds(60));

        var failed = Assert.IsType<UploadOutcome.Failed>(outcome);
        Assert.Equal(UploadFailureKind.RetriesExhausted, failed.Kind);
        Assert.Contains("2 attempts", failed.Message);
        Assert.Contains("header", failed.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(failed.Message.Length < 1000, $"{failed.Message.Length} chars");
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task An_endless_completion_body_is_read_only_up_to_the_bound()
    {
        var sent = 0L;
        using var file = new TempFile(1000);
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.ReadBodyAsync(exchange.ContentLength);
            try
            {
                await exchange.SendRawAsync(Encoding.ASCII.GetBytes("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 107374182400\r\n\r\n{\"a\":\""));
                var chunk = new byte[64 * 1024];
                Array.Fill(chunk, (byte)'x');
                while (sent < 1L << 30)
                {
                    await exchange.SendRawAsync(chunk);
                    sent += chunk.Length;
                }
            }
            catch (IOException)
            {
                // The client stopped reading and closed: the bound worked.
            }
        });
        using var http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);

        var outcome = await Client(server, http, TimeProvider.System).SendAsync(Target(server, file), 0, Token, new TransferProgress(), default)
            .WaitAsync(TimeSpan.FromSeconds(60));

        var failed = Assert.IsType<UploadOutcome.Failed>(outcome);
        Assert.Equal(UploadFailureKind.ProtocolViolation, failed.Kind);
        Assert.Contains("larger than", failed.Message);
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(sent < 1L << 30, "the server was never cut off");
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\n", "X-Slow: abcdefgh\r\n")]                                            // headers that never end
    [InlineData("HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n", "{}")] // a body that drips
    public async Task A_slowloris_answer_is_abandoned_at_the_stall_timeout(string head, string drip)
    {
        var clock = new ManualTimeProvider();
        using var file = new TempFile(1000);
        await using var server = new RawHttpServer(async exchange =>
        {
            await exchange.ReadBodyAsync(exchange.ContentLength);
            await DripAsync(exchange, head, drip);
        });
        using var http = ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance);
        var started = clock.GetUtcNow();

        var outcome = await ClockDriver.RunAsync(clock,
            Client(server, http, clock).SendAsync(Target(server, file), 0, Token, new TransferProgress(), default), step: TimeSpan.FromSeconds(1));

        var resumable = Assert.IsType<UploadOutcome.Resumable>(outcome);
        Assert.Equal(TransientCause.Stalled, resumable.Cause);
        Assert.InRange(clock.GetUtcNow() - started, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));
        await server.Completion.WaitAsync(TimeSpan.FromSeconds(60));
    }
}
