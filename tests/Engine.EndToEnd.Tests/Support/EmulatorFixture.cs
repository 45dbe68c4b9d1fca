using Engine.Emulator;
using Engine.Emulator.Inspection;

namespace Engine.EndToEnd.Tests.Support;

/// <summary>An in-process emulator for one test, and views of what it saw of an upload.</summary>
public sealed class EmulatorFixture : IAsyncDisposable
{
    private EmulatorFixture(EmulatorServer server) => Server = server;

    public EmulatorServer Server { get; }

    /// <summary>The value of <c>--endpoint</c>.</summary>
    public string Endpoint => Server.BaseAddress.ToString();

    /// <summary>Starts an emulator with <c>key=value</c> settings, e.g. <c>fault=reset:after=1MiB</c> or <c>file=id=a,size=1MiB</c>.</summary>
    public static async Task<EmulatorFixture> StartAsync(params string[] settings) =>
        new(await EmulatorServer.StartAsync(EmulatorOptions.Parse(settings)));

    /// <summary>The data requests (PUTs with bytes, not status queries) the emulator finished answering, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> DataRequests() => Server.Inspector.Requests.Where(r => r.Target == "put").ToList();

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}
