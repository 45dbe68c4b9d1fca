using System.Diagnostics;
using System.Net.Http.Json;
using Engine.Benchmarks.Support;
using Engine.Emulator;

namespace Engine.Benchmarks.Load;

/// <summary>
/// The emulator in a child process (this program's <c>emulator</c> mode), so the load runner's peak RSS is the engine's
/// alone. The child prints its address on the first line, then serves until its standard input closes; a line
/// <c>clear-faults</c> on its standard input removes the faults it was started with (answered by <c>faults cleared</c>).
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "emulator listening on ";
    private const string ClearFaults = "clear-faults";
    private const string FaultsCleared = "faults cleared";
    private readonly Process _process;
    private readonly HttpClient _admin = new();

    private EmulatorProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Peak RSS of the child so far.</summary>
    public long PeakRss => ProcessMemory.PeakRss(_process.Id);

    /// <summary>The child's side: serve the emulator with <c>key=value</c> settings until standard input closes.</summary>
    public static async Task<int> ServeAsync(string[] settings)
    {
        await using var server = await EmulatorServer.StartAsync(EmulatorOptions.Parse(settings));
        Console.WriteLine(ReadyPrefix + server.BaseAddress);
        while (await Console.In.ReadLineAsync() is { } line)
        {
            if (line.Trim() != ClearFaults) continue;
            server.Faults.Clear();
            Console.WriteLine(FaultsCleared);
        }
        return 0;
    }

    /// <summary>Starts the child with <paramref name="settings"/> and waits until it listens.</summary>
    public static async Task<EmulatorProcess> StartAsync(params string[] settings)
    {
        var process = ChildProcess.Start(["emulator", .. settings]);
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The emulator child process did not report its address (first line: '{line}').");
        }
        return new EmulatorProcess(process, new Uri(line[ReadyPrefix.Length..]));
    }

    /// <summary>Removes every fault the emulator was started with; completes once it has.</summary>
    public async Task ClearFaultsAsync()
    {
        await _process.StandardInput.WriteLineAsync(ClearFaults);
        await _process.StandardInput.FlushAsync();
        var answer = await _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (answer != FaultsCleared) throw new InvalidOperationException($"The emulator child answered '{answer}' to {ClearFaults}.");
    }

    /// <summary>Upload sessions the emulator opened so far (its inspector's <c>/emulator/sessions</c>).</summary>
    public async Task<int> SessionsOpenedAsync() =>
        (await _admin.GetFromJsonAsync<SessionsView>(new Uri(BaseAddress, "/emulator/sessions")))!.Opened;

    /// <summary>Requests the emulator answered so far.</summary>
    public async Task<long> RequestCountAsync() =>
        (await _admin.GetFromJsonAsync<RequestsView>(new Uri(BaseAddress, "/emulator/requests")))!.Total;

    public async ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        _process.Dispose();
    }

    private sealed record SessionsView(int Opened);

    private sealed record RequestsView(long Total);
}
