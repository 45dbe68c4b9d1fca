using System.Diagnostics;

namespace Engine.Persistence.Sql.Tests.Faults;

/// <summary>A real 2 MiB tmpfs mounted on a fresh directory (root only), unmounted and removed on dispose.</summary>
internal sealed class TinyVolume : IDisposable
{
    public TinyVolume()
    {
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", Path);
    }

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-tiny-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        Run("umount", Path);
        Directory.Delete(Path, recursive: true);
    }

    private static void Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {error}");
    }
}
