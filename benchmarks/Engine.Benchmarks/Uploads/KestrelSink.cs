using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// A bare Kestrel server whose <c>PUT /sink</c> reads the body into one buffer and drops it: the loopback limit of
/// HttpClient + Kestrel with no protocol, no storage and no hashing on the server side. Reference only.
/// </summary>
internal sealed class KestrelSink : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KestrelSink(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where to PUT.</summary>
    public Uri Address { get; }

    public static async Task<KestrelSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Listen(System.Net.IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.MapPut("/sink", async (HttpContext context) =>
        {
            var buffer = new byte[128 * 1024];
            while (await context.Request.Body.ReadAsync(buffer, context.RequestAborted) > 0)
            {
                // The bytes are dropped: this server measures transport only.
            }
            return Results.Created();
        });
        await app.StartAsync();
        var address = app.Urls.First();
        return new KestrelSink(app, new Uri(new Uri(address), "/sink"));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
