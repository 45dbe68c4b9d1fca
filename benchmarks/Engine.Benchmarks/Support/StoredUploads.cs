using Engine.Emulator;

namespace Engine.Benchmarks.Support;

/// <summary>The bytes the emulator stored for uploads: deleted between iterations so 1 GiB cases do not fill the disk.</summary>
internal static class StoredUploads
{
    public static void Delete(EmulatorServer server)
    {
        var uploads = Path.Combine(server.DataDirectory, "uploads");
        if (!Directory.Exists(uploads)) return;
        foreach (var file in Directory.EnumerateFiles(uploads)) File.Delete(file);
    }
}
