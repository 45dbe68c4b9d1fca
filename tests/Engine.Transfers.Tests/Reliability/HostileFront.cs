using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Tests.Reliability;

/// <summary>
/// A real Kestrel server on 127.0.0.1 standing where the upload endpoint is configured. Uploads titled
/// <c>hostile-KIND…</c> get a session on this server, which then breaks the protocol in the way KIND names; every other
/// upload is opened on the real emulator behind it (its <c>Location</c> optionally moved to another host name), so
/// honest and hostile uploads share one engine.
/// </summary>
internal sealed class HostileFront : IAsyncDisposable
{
    /// <summary>The ways a hostile session answers its PUTs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>
    {
        ["range-beyond"] = "claims 9223372036854775807 bytes stored",
        ["range-garbage"] = "invalid Range header",
        ["invalid-json"] = "not a JSON object",
        ["oversized"] = "larger than",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _forward = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    private readonly Uri _emulator;
    private readonly string? _sessionHost;
    private readonly ConcurrentQueue<(string Path, string? Authorization)> _hostileRequests = new();
    private int _sessions;

    private HostileFront(WebApplication app, Uri emulator, string? sessionHost)
    {
        _app = app;
        _emulator = emulator;
        _sessionHost = sessionHost;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Every request a hostile session received, with the Authorization header it carried (null: none).</summary>
    public IReadOnlyCollection<(string Path, string? Authorization)> HostileRequests => _hostileRequests;

    /// <summary>The hostile sessions' upload ids handed out (capabilities that must never reach a log).</summary>
    public IEnumerable<string> HostileUploadIds => Enumerable.Range(1, Volatile.Read(ref _sessions)).Select(i => $"hostile-session-{i}");

    /// <param name="emulator">Where honest uploads are opened.</param>
    /// <param name="sessionHost">When set, honest session URIs are handed out with this host name instead of the emulator's.</param>
    public static async Task<HostileFront> StartAsync(Uri emulator, string? sessionHost = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var front = new HostileFront(app, emulator, sessionHost);
        app.MapPost("/upload/youtube/v3/videos", front.OpenAsync);
        app.MapPut("/hostile/{kind}", front.PutAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        front.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        return front;
    }

    private async Task OpenAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var title = JsonDocument.Parse(body.ToArray()).RootElement.GetProperty("snippet").GetProperty("title").GetString() ?? "";
        if (Kinds.Keys.FirstOrDefault(k => title.StartsWith("hostile-" + k, StringComparison.Ordinal)) is { } kind)
        {
            context.Response.Headers.Location = new Uri(BaseAddress, $"/hostile/{kind}?upload_id=hostile-session-{Interlocked.Increment(ref _sessions)}").AbsoluteUri;
            return;
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_emulator, context.Request.Path + context.Request.QueryString))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (var name in new[] { "Authorization", "X-Upload-Content-Length", "X-Upload-Content-Type" })
            request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name].ToString());
        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType);
        using var answer = await _forward.SendAsync(request);
        context.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Headers.Location is { } location)
            context.Response.Headers.Location = _sessionHost is null ? location.AbsoluteUri : new UriBuilder(location) { Host = _sessionHost }.Uri.AbsoluteUri;
        await answer.Content.CopyToAsync(context.Response.Body);
    }

    private async Task PutAsync(HttpContext context, string kind)
    {
        _hostileRequests.Enqueue((context.Request.Path + context.Request.QueryString, context.Request.Headers.Authorization.FirstOrDefault()));
        await context.Request.Body.CopyToAsync(Stream.Null);
        switch (kind)
        {
            case "range-beyond":
                context.Response.StatusCode = 308;
                context.Response.Headers["Range"] = "bytes=0-9223372036854775806";
                break;
            case "range-garbage":
                context.Response.StatusCode = 308;
                context.Response.Headers["Range"] = "bytes=0-lots";
                break;
            case "invalid-json":
                context.Response.StatusCode = 201;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("<html>this is not the resource</html>");
                break;
            case "oversized":
                context.Response.StatusCode = 201;
                context.Response.ContentType = "application/json";
                var filler = new byte[64 * 1024];
                Array.Fill(filler, (byte)' ');
                for (var i = 0; i < 64; i++) await context.Response.Body.WriteAsync(filler);
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _forward.Dispose();
    }
}
