using Engine.Benchmarks.Support;
using Engine.Emulator;
using Engine.Protocol.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Benchmarks.Uploads;

/// <summary>
/// What the upload suites share: the in-process emulator, a full engine on it, the tuned HTTP client with the raw
/// baseline over it, Google's client, and the session the raw and Google cases PUT into (opened before each iteration,
/// so only the engine pays for opening its own).
/// </summary>
internal sealed class UploadBed : IAsyncDisposable
{
    private UploadBed(EmulatorServer server, EngineHost engine, HttpClient http)
    {
        Server = server;
        Engine = engine;
        Http = http;
        Raw = new RawUploads(http, server.BaseAddress);
    }

    public EmulatorServer Server { get; }

    public EngineHost Engine { get; }

    public HttpClient Http { get; }

    public RawUploads Raw { get; }

    public GoogleUploads Google { get; } = new();

    /// <summary>The session opened by <see cref="OpenSession"/>.</summary>
    public Uri Session { get; private set; } = null!;

    /// <summary>Starts the emulator, with <paramref name="faults"/> (e.g. added latency), and the engine on it.</summary>
    public static async Task<UploadBed> StartAsync(params string[] faults)
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        foreach (var fault in faults) server.Faults.Add(fault);
        return new UploadBed(server, await EngineHost.StartAsync(server.BaseAddress), ProtocolHttp.CreateClient(new HttpOptions(), NullLogger.Instance));
    }

    /// <summary>Opens a session for <paramref name="size"/> bytes for the next raw or Google upload.</summary>
    public void OpenSession(long size) => Session = Raw.OpenSessionAsync(size).GetAwaiter().GetResult();

    /// <summary>Deletes what the emulator stored, so 1 GiB cases do not fill the disk.</summary>
    public void DropStoredUploads() => StoredUploads.Delete(Server);

    public async ValueTask DisposeAsync()
    {
        Google.Dispose();
        Http.Dispose();
        await Engine.DisposeAsync();
        await Server.DisposeAsync();
    }
}
