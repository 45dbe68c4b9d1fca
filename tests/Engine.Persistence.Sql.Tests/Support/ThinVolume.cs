using System.Diagnostics;
using Engine.TestKit.Storage;

namespace Engine.Persistence.Sql.Tests.Support;

/// <summary>
/// A thin-provisioned disk: a 64 MiB ext4 file system on a loop device whose sparse image lives on an 8 MiB tmpfs.
/// Writes land in the page cache as usual; once the tmpfs is full (<see cref="ExhaustBackingStore"/>), writing them
/// back fails and fsync reports the error, as a real disk or SAN does when its backing store runs out. Needs root.
/// </summary>
internal sealed class ThinVolume : IDisposable
{
    private readonly TinyVolume _backing = new();
    private readonly string _device;

    public ThinVolume()
    {
        _backing.Grow(8);
        var image = System.IO.Path.Combine(_backing.Path, "disk.img");
        using (var file = File.Create(image))
            file.SetLength(64L * 1024 * 1024);
        // No ext4 journal and no background inode-table zeroing: nothing writes to the image behind the test's back.
        Run("mkfs.ext4", "-q", "-O", "^has_journal", "-E", "lazy_itable_init=1,nodiscard", image);
        _device = Run("losetup", "--find", "--show", image).Trim();
        Directory.CreateDirectory(Path);
        Run("mount", "-o", "noinit_itable", _device, Path);
    }

    /// <summary>The mount point of the ext4 file system.</summary>
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "engine-thin-" + Guid.NewGuid().ToString("N")[..12]);

    /// <summary>Takes every free byte of the backing tmpfs: from now on, data not yet on the image cannot be written back.</summary>
    public void ExhaustBackingStore() => _backing.FillUp();

    public void Dispose()
    {
        Run("umount", Path);
        Run("losetup", "--detach", _device);
        Directory.Delete(Path);
        _backing.Dispose();
    }

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"'{program} {string.Join(' ', arguments)}' failed ({process.ExitCode}): {errors.Result}");
        return output;
    }
}
