using System.Diagnostics;
using System.Reflection;
using Engine.Benchmarks.Support;
using Engine.Emulator;

namespace Engine.Benchmarks.Load;

/// <summary>
/// The emulator in a child process (this program's <c>emulator</c> mode), so the load runner's peak RSS is the engine's
/// alone. The child prints its address on the first line and serves until its standard input closes.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private const string ReadyPrefix = "emulator listening on ";
    private readonly Process _process;

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
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>Starts the child with <paramref name="settings"/> and waits until it listens.</summary>
    public static async Task<EmulatorProcess> StartAsync(params string[] settings)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet Engine.Benchmarks.dll` the process is the host; it needs the assembly again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        start.ArgumentList.Add("emulator");
        foreach (var setting in settings) start.ArgumentList.Add(setting);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"The emulator child process ({start.FileName}) did not start.");
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (line is null || !line.StartsWith(ReadyPrefix, StringComparison.Ordinal))
        {
            process.Kill();
            throw new InvalidOperationException($"The emulator child process did not report its address (first line: '{line}').");
        }
        return new EmulatorProcess(process, new Uri(line[ReadyPrefix.Length..]));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        _process.Dispose();
    }
}
