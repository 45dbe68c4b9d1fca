namespace Engine.Benchmarks.Support;

/// <summary>
/// Source files of a given size with seeded random content, made once per size in a temp directory and reused by every
/// case and run (creating a 1 GiB file would otherwise dominate setup time). Random content, so nothing on the path
/// can profit from compressible bytes.
/// </summary>
internal static class SourceFiles
{
    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "engine-bench-sources");

    /// <summary>The path of a file of exactly <paramref name="size"/> bytes.</summary>
    public static string OfSize(long size)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, $"source-{size}.bin");
        if (File.Exists(path) && new FileInfo(path).Length == size) return path;
        var partial = path + ".partial";
        using (var stream = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            var random = new Random(unchecked((int)size));
            var block = new byte[1 << 20];
            for (long written = 0; written < size; written += block.Length)
            {
                random.NextBytes(block);
                stream.Write(block, 0, (int)Math.Min(block.Length, size - written));
            }
        }
        File.Move(partial, path, overwrite: true);
        return path;
    }
}
