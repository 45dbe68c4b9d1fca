using System.Diagnostics;

namespace Engine.TestKit.Storage;

/// <summary>A real 2 MiB tmpfs mounted on a fresh directory (root only), unmounted and removed on dispose.</summary>
public sealed class TinyVolume : IDisposable
{
    public TinyVolume()
    {
        Directory.CreateDirectory(Path);
        Run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", Path);
    }

    /// <summary>The mount point.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-tiny-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Writes a file that takes every free byte of the volume; deleting it frees the space again.</summary>
    public string FillUp()
    {
        var filler = System.IO.Path.Combine(Path, "filler-" + Guid.NewGuid().ToString("N")[..8]);
        using var stream = new FileStream(filler, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[4096];
        try
        {
            while (true) stream.Write(block);
        }
        catch (IOException)
        {
            // No space left on device: the volume is full, as wanted.
        }
        return filler;
    }

    /// <summary>Grows the volume to <paramref name="megabytes"/> MiB in place (remount), keeping its files.</summary>
    public void Grow(int megabytes) => Run("mount", "-o", $"remount,size={megabytes}m", Path);

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
