using Engine.Chaos.Workload;

namespace Engine.Chaos.Running;

/// <summary>
/// Watches the download destinations for the promise "a file appears at its destination only complete": whenever a
/// destination is present (scanned while an engine runs, after every kill, and at the end) it must hold exactly the
/// expected bytes. A file verified once is then checked for size and write time only, and must never vanish.
/// </summary>
public sealed class DestinationWatch(IReadOnlyList<DownloadItem> downloads)
{
    private readonly Dictionary<string, (long Length, DateTime Written)> verified = new(StringComparer.Ordinal);
    private readonly List<string> violations = [];

    /// <summary>What was found wrong, with when it was seen.</summary>
    public IReadOnlyList<string> Violations => violations;

    /// <summary>Scans after a kill (every present destination checked).</summary>
    public int ScansAfterKills { get; private set; }

    /// <summary>Destinations seen and verified byte-exact.</summary>
    public int Verified => verified.Count;

    /// <summary>Checks every present destination; <paramref name="when"/> names the moment in violations.</summary>
    public void Scan(string when, bool afterKill)
    {
        ScansAfterKills += afterKill ? 1 : 0;
        foreach (var download in downloads)
        {
            Check(download, when);
        }
    }

    private void Check(DownloadItem download, string when)
    {
        var file = new FileInfo(download.Destination);
        if (!file.Exists)
        {
            if (verified.ContainsKey(download.Destination))
            {
                violations.Add($"{when}: {download.FileId}'s destination vanished after it had appeared complete.");
            }

            return;
        }

        if (verified.TryGetValue(download.Destination, out var seen))
        {
            if (seen != (file.Length, file.LastWriteTimeUtc))
            {
                violations.Add($"{when}: {download.FileId}'s destination changed after it had appeared complete " +
                               $"({seen.Length} → {file.Length} bytes, written {seen.Written:O} → {file.LastWriteTimeUtc:O}).");
            }

            return;
        }

        var sha256 = ChaosWorkload.Sha256Of(file.FullName);
        if (file.Length != download.Size || sha256 != download.Sha256)
        {
            violations.Add($"{when}: {download.FileId}'s destination is present but incomplete or wrong: {file.Length} of {download.Size} bytes, " +
                           $"SHA-256 {sha256[..12]}… instead of {download.Sha256[..12]}….");
            return;
        }

        verified[download.Destination] = (file.Length, file.LastWriteTimeUtc);
    }
}
