using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Engine.Transfers.Tests.Downloads;

/// <summary>
/// A loopback HTTP/1.1 proxy in front of the emulator that rewrites the <c>Range</c> header of one content request, so
/// the emulator (which honours ranges faithfully) answers what a misbehaving server would: a 200 with the whole
/// content (header removed), or a 206 for other bytes than asked (header shifted). Everything else passes untouched;
/// responses are copied byte for byte.
/// </summary>
internal sealed class RangeTamperingProxy : IAsyncDisposable
{
    private const string ContentPath = "/download/drive/v3/content/";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _upstream;
    private readonly Func<string, string?> _tamper;
    private readonly int _victim;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private int _rangedRequests;

    /// <param name="upstream">The emulator's address.</param>
    /// <param name="victim">Which ranged content request (1-based) to tamper with.</param>
    /// <param name="tamper">The new <c>Range</c> value for the original one, or <c>null</c> to remove the header.</param>
    public RangeTamperingProxy(Uri upstream, int victim, Func<string, string?> tamper)
    {
        _upstream = new IPEndPoint(IPAddress.Parse(upstream.Host), upstream.Port);
        _victim = victim;
        _tamper = tamper;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The proxy's address: use it as the Drive endpoint.</summary>
    public Uri Address => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The original <c>Range</c> value of the request that was tampered with, once it happened.</summary>
    public string? TamperedRange { get; private set; }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            lock (_connections) _connections.Add(RelayAsync(client));
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        await server.ConnectAsync(_upstream, _stop.Token);
        var down = server.GetStream().CopyToAsync(client.GetStream(), _stop.Token);
        var up = ForwardRequestsAsync(client.GetStream(), server.GetStream());
        try
        {
            await Task.WhenAny(up, down);
        }
        finally
        {
            client.Close();
            server.Close();
        }
    }

    /// <summary>Copies request heads (rewriting one) and their Content-Length bodies from the client to the server.</summary>
    private async Task ForwardRequestsAsync(Stream client, Stream server)
    {
        var pending = new List<byte>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            int end;
            while ((end = HeadEnd(pending)) < 0)
            {
                var read = await client.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                pending.AddRange(buffer.AsSpan(0, read));
            }
            var head = Encoding.ASCII.GetString([.. pending.Take(end)]);
            pending.RemoveRange(0, end);
            var lines = head.Split("\r\n").ToList();
            var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var range = lines.FindIndex(l => l.StartsWith("Range:", StringComparison.OrdinalIgnoreCase));
            if (lines[0].Contains(ContentPath, StringComparison.Ordinal) && range >= 0 && Interlocked.Increment(ref _rangedRequests) == _victim)
            {
                var original = lines[range]["Range:".Length..].Trim();
                TamperedRange = original;
                if (_tamper(original) is { } replaced) lines[range] = "Range: " + replaced;
                else lines.RemoveAt(range);
            }
            await server.WriteAsync(Encoding.ASCII.GetBytes(string.Join("\r\n", lines)), _stop.Token);
            while (pending.Count < length)
            {
                var read = await client.ReadAsync(buffer, _stop.Token);
                if (read == 0) return;
                pending.AddRange(buffer.AsSpan(0, read));
            }
            await server.WriteAsync(pending.Take(length).ToArray(), _stop.Token);
            pending.RemoveRange(0, length);
        }
    }

    /// <summary>The length of the request head including its blank line, or -1 while incomplete.</summary>
    private static int HeadEnd(List<byte> bytes)
    {
        for (var i = 3; i < bytes.Count; i++)
            if (bytes[i - 3] == '\r' && bytes[i - 2] == '\n' && bytes[i - 1] == '\r' && bytes[i] == '\n') return i + 1;
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_connections) connections = [.. _connections];
        await Task.WhenAll(connections.Select(c => c.ContinueWith(_ => { }, TaskScheduler.Default)));
        _stop.Dispose();
    }
}
