using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engine.Protocol.Tests.Support;

/// <summary>
/// A minimal HTTP/1.1 peer on 127.0.0.1 (port 0) driven by a script per connection, for what canned handlers cannot
/// show: real connection resets mid-body and headers as the real transport parses them.
/// </summary>
public sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public RawHttpServer(params Func<RawExchange, Task>[] connections)
    {
        _listener.Start();
        _loop = ServeAsync(connections);
    }

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>Completes when every scripted connection was served (faults included).</summary>
    public Task Completion => _loop;

    private async Task ServeAsync(Func<RawExchange, Task>[] connections)
    {
        foreach (var script in connections)
        {
            using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            await script(await RawExchange.ReadAsync(client, _stop.Token));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { } catch (SocketException) { }
        _stop.Dispose();
    }
}

/// <summary>One request as received: its head, a way to read its body, and the ways to answer or break.</summary>
public sealed class RawExchange
{
    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly byte[] _early;
    private int _earlyUsed;

    private RawExchange(TcpClient client, string head, byte[] early)
    {
        _client = client;
        _stream = client.GetStream();
        Head = head;
        _early = early;
    }

    public string Head { get; }

    public long ContentLength => Head.Split("\r\n").Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
        .Select(l => long.Parse(l["Content-Length:".Length..].Trim())).FirstOrDefault();

    public static async Task<RawExchange> ReadAsync(TcpClient client, CancellationToken cancellationToken)
    {
        var stream = client.GetStream();
        var buffer = new List<byte>();
        var one = new byte[4096];
        while (true)
        {
            var read = await stream.ReadAsync(one, cancellationToken);
            if (read == 0) throw new IOException("client closed before sending a request head");
            buffer.AddRange(one.AsSpan(0, read));
            var text = Encoding.ASCII.GetString(buffer.ToArray());
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
                return new RawExchange(client, text[..end], buffer.Skip(end + 4).ToArray());
        }
    }

    /// <summary>Reads exactly <paramref name="count"/> body bytes.</summary>
    public async Task<byte[]> ReadBodyAsync(long count)
    {
        var body = new byte[count];
        var filled = 0;
        while (filled < count && _earlyUsed < _early.Length) body[filled++] = _early[_earlyUsed++];
        while (filled < count)
        {
            var read = await _stream.ReadAsync(body.AsMemory(filled));
            if (read == 0) throw new IOException($"body ended after {filled} of {count} bytes");
            filled += read;
        }
        return body;
    }

    /// <summary>Sends a complete response (status line and headers given; Content-Length added) and closes.</summary>
    public async Task RespondAsync(string statusLine, string body = "", params string[] headers)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        var head = $"HTTP/1.1 {statusLine}\r\n" + string.Concat(headers.Select(h => h + "\r\n")) + $"Content-Length: {bytes.Length}\r\nConnection: close\r\n\r\n";
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Drops the connection with a TCP reset (no FIN), as a crashed peer or middlebox would.</summary>
    public void Reset()
    {
        _client.Client.LingerState = new LingerOption(true, 0);
        _client.Client.Close();
    }
}
