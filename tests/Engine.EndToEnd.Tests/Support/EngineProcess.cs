using System.Diagnostics;
using System.Text;

namespace Engine.EndToEnd.Tests.Support;

/// <summary>
/// One real <c>dotnet engine.dll …</c> child process with stdout and stderr captured line by line. Nothing is
/// inherited that could change a run: the token comes only from <see cref="EngineRun.Token"/> or the arguments.
/// </summary>
public sealed class EngineProcess : IDisposable
{
    private readonly Process process;
    private readonly Lock gate = new();
    private readonly List<string> stdout = [];
    private readonly StringBuilder stderr = new();
    private readonly TaskCompletionSource outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string commandLine;

    private EngineProcess(Process process, string commandLine)
    {
        this.process = process;
        this.commandLine = commandLine;
    }

    /// <summary>The engine.dll copied next to the tests by the project reference.</summary>
    public static string EngineDll { get; } = Path.Combine(AppContext.BaseDirectory, "engine.dll");

    /// <summary>The process id (for signals).</summary>
    public int Id => process.Id;

    /// <summary>Starts <c>engine</c> with <paramref name="run"/>'s arguments, working directory and token.</summary>
    public static EngineProcess Start(EngineRun run)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = run.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(EngineDll);
        foreach (var argument in run.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ENGINE_TOKEN");
        if (run.Token is not null)
        {
            info.Environment["ENGINE_TOKEN"] = run.Token;
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new EngineProcess(process, "engine " + string.Join(' ', run.Arguments));
        process.OutputDataReceived += (_, e) => child.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnError(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Runs <paramref name="run"/> to completion (killed and failed after <see cref="EngineRun.Timeout"/>).</summary>
    public static async Task<EngineResult> RunAsync(EngineRun run)
    {
        using var child = Start(run);
        return await child.WaitForExitAsync(run.Timeout);
    }

    /// <summary>The stdout lines so far.</summary>
    public IReadOnlyList<string> StdoutLines
    {
        get
        {
            lock (gate)
            {
                return stdout.ToArray();
            }
        }
    }

    /// <summary>stderr so far.</summary>
    public string Stderr
    {
        get
        {
            lock (gate)
            {
                return stderr.ToString();
            }
        }
    }

    /// <summary>Waits for the process to exit and its output to drain; kills it and fails after <paramref name="timeout"/>.</summary>
    public async Task<EngineResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
            await Task.WhenAll(outputClosed.Task, errorClosed.Task).WaitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"'{commandLine}' did not exit within {timeout}.\nstdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}");
        }

        return new EngineResult(process.ExitCode, StdoutLines, Stderr);
    }

    /// <summary>Polls until <paramref name="condition"/> holds (checked every 50 ms), failing with the output so far after <paramref name="timeout"/> or if the process exits first.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"'{commandLine}': {what} did not happen ({(process.HasExited ? $"exited with {process.ExitCode}" : $"after {timeout}")}).\n" +
                    $"stdout:\n{string.Join('\n', StdoutLines)}\nstderr:\n{Stderr}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL: the process gets no chance to clean up, like a crash or an OOM kill.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>Kills the process if it still runs.</summary>
    public void Dispose()
    {
        Kill();
        process.Dispose();
    }

    private void OnOutput(string? line) => OnLine(line, outputClosed, stdout.Add);

    private void OnError(string? line) => OnLine(line, errorClosed, l => stderr.AppendLine(l));

    // A null line means the stream closed.
    private void OnLine(string? line, TaskCompletionSource closed, Action<string> keep)
    {
        if (line is null)
        {
            closed.TrySetResult();
            return;
        }

        lock (gate)
        {
            keep(line);
        }
    }

    // The dotnet CLI tells child processes where its host is; fall back to the one on PATH.
    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
}
