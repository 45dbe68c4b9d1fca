using System.Diagnostics;

namespace Engine.Chaos.Running;

/// <summary>
/// One real <c>dotnet engine.dll …</c> process, its output handed line by line to the caller. The token goes through
/// <c>ENGINE_TOKEN</c> only; nothing else from the harness's environment can change the run.
/// </summary>
public sealed class EngineChild : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private EngineChild(Process process) => this.process = process;

    /// <summary>The engine.dll copied next to the harness by its project reference.</summary>
    public static string EngineDll { get; } = Path.Combine(AppContext.BaseDirectory, "engine.dll");

    /// <summary>Whether the process has ended (by itself or killed).</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>engine ARGUMENTS</c> in <paramref name="workingDirectory"/>.</summary>
    public static EngineChild Start(string workingDirectory, IReadOnlyList<string> arguments, string token, Action<string> onStdout, Action<string> onStderr)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EngineDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ENGINE_TOKEN"] = token;
        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info };
        var child = new EngineChild(process);
        process.OutputDataReceived += (_, e) => Forward(e.Data, onStdout, child.outputClosed);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, onStderr, child.errorClosed);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the process exits by itself or <paramref name="limit"/> passes; true when it exited.</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The exit code once the process ended and its output was read to the end.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await process.WaitForExitAsync();
        await Task.WhenAll(outputClosed.Task, errorClosed.Task);
        return process.ExitCode;
    }

    /// <summary>SIGKILL: no chance to clean up, like a crash or an OOM kill. Returns once the process is gone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    // A null line means the stream closed.
    private static void Forward(string? line, Action<string> handler, TaskCompletionSource closed)
    {
        if (line is null)
        {
            closed.TrySetResult();
        }
        else
        {
            handler(line);
        }
    }

    // The dotnet CLI tells child processes where its host is; fall back to the one on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
