using System.Net.Sockets;
using System.Text;
using Engine.Emulator.Tests.Support;

namespace Engine.Emulator.Tests.Hosting;

/// <summary>The request log tells a request in flight from one whose client went away: a crashed client's requests end as cut.</summary>
public sealed class RequestLogTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_request_whose_client_vanished_mid_body_is_logged_as_cut_not_as_in_flight(bool reset)
    {
        await using var server = await EmulatorServer.StartAsync();
        const string head = "POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet HTTP/1.1\r\nHost: emulator\r\n" +
                            "Authorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: 35\r\n" +
                            "X-Upload-Content-Length: 100\r\nX-Upload-Content-Type: video/mp4\r\n\r\n";

        // Many at once: whether Kestrel's RequestAborted fires before the handler sees the body end is a race.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(async _ =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync(server.BaseAddress.Host, server.BaseAddress.Port);
            await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(head));
            if (reset)
            {
                client.Client.LingerState = new LingerOption(true, 0);
            }
        }));

        await Eventually.TrueAsync(() => server.Inspector.Requests.Count == 20 && server.Inspector.Requests.All(r => r.Aborted),
            "every request of a vanished client logged as cut");
        Assert.All(server.Inspector.Requests, r => Assert.Equal(0, r.Status));
        Assert.Equal(0, server.Inspector.SessionsOpened);
    }
}
