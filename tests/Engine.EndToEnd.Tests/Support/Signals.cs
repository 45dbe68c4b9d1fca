using System.Diagnostics;

namespace Engine.EndToEnd.Tests.Support;

/// <summary>Sends POSIX signals to child processes through the system's <c>kill</c> command.</summary>
public static class Signals
{
    /// <summary>Sends SIGINT (what Ctrl+C does) to <paramref name="processId"/>.</summary>
    public static async Task InterruptAsync(int processId)
    {
        using var kill = Process.Start("kill", ["-INT", processId.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
