using System.Diagnostics;
using System.Reflection;

namespace Engine.Benchmarks.Load;

/// <summary>This program started again in a child process with other arguments (e.g. <c>emulator …</c>), standard input and output redirected.</summary>
internal static class ChildProcess
{
    public static Process Start(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet Engine.Benchmarks.dll` the process is the host; it needs the assembly again.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start) ?? throw new InvalidOperationException($"The child process ({start.FileName} {string.Join(' ', start.ArgumentList)}) did not start.");
    }
}
