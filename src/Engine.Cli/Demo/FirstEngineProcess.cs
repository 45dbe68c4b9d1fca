using System.Diagnostics;

namespace Engine.Cli.Demo;

/// <summary>
/// The demo's first engine: this same program run as a child <c>engine upload</c> process on the demo's journal and
/// emulator, so that stopping it is a real crash. <see cref="KillAsync"/> ends it abruptly (SIGKILL on Unix,
/// TerminateProcess on Windows): no checkpoint, no flush, no goodbye. Its stderr is this process's stderr, so its own
/// progress shows as it would for a user (live bars on a terminal, plain lines otherwise); its stdout (a JSON line per
/// upload it finished) is counted, not printed, because the demo's stdout is its summary.
/// </summary>
internal sealed class FirstEngineProcess : IAsyncDisposable
{
    private readonly Process process;
    private int finishedUploads;

    private FirstEngineProcess(Process process) => this.process = process;

    /// <summary>How the demo names the abrupt stop in its messages.</summary>
    public static string KillSignal => OperatingSystem.IsWindows() ? "TerminateProcess" : "SIGKILL";

    /// <summary>The child's process id.</summary>
    public int Id => process.Id;

    /// <summary>The child has exited (killed, or ended by itself).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The child's exit code, once it has exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Uploads the child reported finished on its stdout before it exited.</summary>
    public int FinishedUploads => Volatile.Read(ref finishedUploads);

    /// <summary>
    /// Starts <c>engine upload FILES… ARGUMENTS…</c> with <paramref name="token"/> in its <c>ENGINE_TOKEN</c> (kept out of
    /// the process list).
    /// </summary>
    public static FirstEngineProcess Start(IEnumerable<string> files, IEnumerable<string> arguments, string token)
    {
        var info = ThisProgram();
        info.ArgumentList.Add("upload");
        foreach (var argument in files.Concat(arguments))
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardOutput = true;
        info.Environment["ENGINE_TOKEN"] = token;
        var process = new Process { StartInfo = info };
        var child = new FirstEngineProcess(process);
        process.OutputDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                Interlocked.Increment(ref child.finishedUploads);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        return child;
    }

    /// <summary>Kills the child abruptly and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync().ConfigureAwait(false);
    }

    /// <summary>Never leaves the child running (the demo failed or was cancelled before killing it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await KillAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    // Under 'dotnet engine.dll' the running host is dotnet itself, which needs the program's path first; an apphost
    // ('dotnet run', a published engine) is the program.
    private static ProcessStartInfo ThisProgram()
    {
        var host = Environment.ProcessPath
                   ?? throw new InvalidOperationException("demo: the path of the running engine is unknown, so the first engine cannot be started as a process.");
        var info = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            info.ArgumentList.Add(typeof(FirstEngineProcess).Assembly.Location);
        }

        return info;
    }
}
