using Engine.Cli.Running;

namespace Engine.Cli.Demo;

/// <summary>
/// The demo's folder: generated media, the emulator's stored bytes, the journal and the downloaded copies. Wiped at every start, but only
/// when it is empty or was made by an earlier demo (a marker file says so), so a mistyped <c>--dir</c> never deletes
/// someone's data.
/// </summary>
internal sealed record DemoDirectory(string Root)
{
    private const string Marker = ".engine-demo";

    public string Media => Path.Combine(Root, "media");

    public string Server => Path.Combine(Root, "server");

    public string Journal => Path.Combine(Root, "journal.db");

    public string Downloads => Path.Combine(Root, "downloads");

    /// <summary>Creates or wipes <paramref name="path"/> and returns the layout inside it.</summary>
    /// <exception cref="UsageException">The folder holds files that no demo made.</exception>
    public static DemoDirectory Prepare(string path)
    {
        var root = Path.GetFullPath(path);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            if (!File.Exists(Path.Combine(root, Marker)))
            {
                throw new UsageException($"demo: '{root}' is not empty and was not made by 'engine demo'; pass another --dir (it is wiped at every run).");
            }

            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        File.WriteAllText(Path.Combine(root, Marker), "Made by 'engine demo'; the folder is wiped at the next run.\n");
        return new DemoDirectory(root);
    }
}
