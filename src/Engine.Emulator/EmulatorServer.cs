using System.Net;
using Engine.Emulator.Faults;
using Engine.Emulator.Hosting;
using Engine.Emulator.Inspection;
using Engine.Emulator.Uploads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Engine.Emulator;

/// <summary>
/// The Google peer: an in-process Kestrel server speaking YouTube resumable uploads and Drive LRO downloads,
/// with fault injection (<see cref="Faults"/>), registered Drive files (<see cref="Files"/>) and inspection
/// (<see cref="Inspector"/>).
/// </summary>
public sealed class EmulatorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly UploadSessionStore uploads;
    private readonly bool ownsDataDirectory;
    private int disposed;

    private EmulatorServer(WebApplication app, EmulatorOptions options, string dataDirectory, bool ownsDataDirectory,
        UploadSessionStore uploads, FaultPlan faults, EmulatorInspector inspector, Drive.DriveFileRegistry files)
    {
        this.app = app;
        this.uploads = uploads;
        this.ownsDataDirectory = ownsDataDirectory;
        Options = options;
        DataDirectory = dataDirectory;
        Faults = faults;
        Inspector = inspector;
        Files = files;
    }

    /// <summary>The options the server runs with.</summary>
    public EmulatorOptions Options { get; }

    /// <summary>Where stored bytes live.</summary>
    public string DataDirectory { get; }

    /// <summary>Root of the API, e.g. <c>http://127.0.0.1:41234/</c>: the engine's endpoint.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The faults in force; add or clear rules while the server runs.</summary>
    public FaultPlan Faults { get; }

    /// <summary>What the server saw and did.</summary>
    public EmulatorInspector Inspector { get; }

    /// <summary>The Drive files the server knows; register files here before downloading them.</summary>
    public Drive.DriveFileRegistry Files { get; }

    /// <summary>Starts a server with <paramref name="options"/> (defaults: 127.0.0.1, a free port, a temporary data directory).</summary>
    public static async Task<EmulatorServer> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var endpoint = ParseListenAddress(options.Urls);
        var ownsData = options.DataDirectory is null;
        var dataDirectory = Path.GetFullPath(options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "engine-emulator-" + Guid.NewGuid().ToString("N")));
        Directory.CreateDirectory(dataDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            // Whole-file PUTs of many GiB over slow links must neither be capped nor cut for slowness.
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxRequestHeadersTotalSize = options.MaxRequestHeaderBytes;
            kestrel.Limits.MaxConcurrentConnections = null;
            // Writes complete only once the socket took the bytes: an injected reset after N content bytes
            // then really delivers N bytes first (a buffered response would lose its unsent tail).
            kestrel.Limits.MaxResponseBufferSize = 0;
            kestrel.Listen(endpoint);
        });

        var app = builder.Build();
        var time = options.TimeProvider;
        var faults = new FaultPlan(options.Faults, options.Seed);
        var gate = new FaultGate(faults, time);
        var log = new RequestLog(options.RequestLogCapacity);
        var uploads = new UploadSessionStore(dataDirectory, time);
        var files = new Drive.DriveFileRegistry(time);
        foreach (var registration in options.Files)
        {
            files.Add(registration);
        }

        var operations = new Drive.OperationStore(options, time);
        var inspector = new EmulatorInspector(uploads, log, faults, operations);

        app.UseMiddleware<RequestLogMiddleware>(log, time);
        app.MapPost(UploadOpenHandler.Path, new UploadOpenHandler(uploads, gate, options).HandleAsync);
        app.MapPut(UploadOpenHandler.Path, new UploadPutHandler(uploads, gate, options).HandleAsync);
        Drive.DriveEndpoints.Map(app, files, operations, gate);
        AdminEndpoints.Map(app, inspector, faults);

        var server = new EmulatorServer(app, options, dataDirectory, ownsData, uploads, faults, inspector, files);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    /// <summary>Stops accepting requests and ends those in flight.</summary>
    public Task StopAsync(CancellationToken cancellationToken = default) => app.StopAsync(cancellationToken);

    /// <summary>Stops the server, releases its sessions and deletes a temporary data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
        uploads.Dispose();
        if (ownsDataDirectory)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static IPEndPoint ParseListenAddress(string urls)
    {
        if (!Uri.TryCreate(urls.Trim(), UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"Emulator urls '{urls}' must be one http://IP:PORT address, e.g. http://127.0.0.1:0.", nameof(urls));
        }

        var host = uri.Host.Trim('[', ']');
        var address = host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(host, out var ip) ? ip
            : throw new ArgumentException($"Emulator urls '{urls}': '{uri.Host}' is not an IP address (or localhost).", nameof(urls));
        return new IPEndPoint(address, uri.Port);
    }
}
