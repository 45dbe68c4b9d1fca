using System.Security.Cryptography;
using System.Text.Json;
using Engine.Emulator.Drive;

namespace Engine.Chaos.Workload;

/// <summary>
/// The files of a run and its job list (<c>engine batch</c>'s JSON lines, uploads and downloads interleaved so both
/// kinds are submitted from the start). Sizes, contents, chunk sizes and file kinds come from the seeded random source;
/// every size is unique in the run.
/// </summary>
public sealed class ChaosWorkload
{
    private static readonly long[] ChunkSizes = [0, 0, 256 * 1024, 512 * 1024];

    private ChaosWorkload(IReadOnlyList<UploadItem> uploads, IReadOnlyList<DownloadItem> downloads, string jobsFile)
    {
        Uploads = uploads;
        Downloads = downloads;
        JobsFile = jobsFile;
    }

    /// <summary>The uploads, in list order.</summary>
    public IReadOnlyList<UploadItem> Uploads { get; }

    /// <summary>The downloads, in list order.</summary>
    public IReadOnlyList<DownloadItem> Downloads { get; }

    /// <summary>The job list for <c>engine batch</c>.</summary>
    public string JobsFile { get; }

    /// <summary>Writes the source files under <c>DIR/sources</c>, creates <c>DIR/out</c> and writes <c>DIR/jobs.jsonl</c>.</summary>
    public static ChaosWorkload Create(ChaosOptions options, string directory, Random random)
    {
        var sources = System.IO.Directory.CreateDirectory(Path.Combine(directory, "sources")).FullName;
        var output = System.IO.Directory.CreateDirectory(Path.Combine(directory, "out")).FullName;
        var sizes = new HashSet<long>();
        long UniqueSize()
        {
            long size;
            do
            {
                size = random.NextInt64(options.MaxFileSize / 10, options.MaxFileSize + 1);
            }
            while (!sizes.Add(size));
            return size;
        }

        var uploads = Enumerable.Range(1, options.Uploads).Select(i =>
        {
            var name = $"up-{i:D4}.mp4";
            var path = Path.Combine(sources, name);
            var size = UniqueSize();
            WriteContent(path, FileContent.Generated(size, random.Next()));
            return new UploadItem(name, path, size, ChunkSizes[random.Next(ChunkSizes.Length)], Sha256Of(path));
        }).ToList();
        var downloads = Enumerable.Range(1, options.Downloads).Select(i =>
        {
            var id = $"dl-{i:D4}";
            var kind = random.NextDouble() < 0.15 ? DriveFileKind.Docs : DriveFileKind.Blob;
            var size = UniqueSize();
            var seed = random.Next();
            return new DownloadItem(id, kind, size, seed, Path.Combine(output, id + ".bin"), FileContent.Generated(size, seed).ComputeSha256());
        }).ToList();

        var jobsFile = Path.Combine(directory, "jobs.jsonl");
        File.WriteAllLines(jobsFile, Interleave(uploads.Select(UploadLine), downloads.Select(DownloadLine)));
        return new ChaosWorkload(uploads, downloads, jobsFile);
    }

    /// <summary>The SHA-256 of a file, lowercase hex (as the emulator reports it).</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static void WriteContent(string path, FileContent content)
    {
        using var file = File.Create(path);
        var buffer = new byte[256 * 1024];
        for (long offset = 0; offset < content.Length; offset += buffer.Length)
        {
            var span = buffer.AsSpan(0, (int)Math.Min(buffer.Length, content.Length - offset));
            content.Read(offset, span);
            file.Write(span);
        }
    }

    private static string UploadLine(UploadItem upload) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["upload"] = upload.Path,
        ["contentType"] = upload.Size % 2 == 0 ? "video/mp4" : "application/octet-stream",
        ["chunkSize"] = upload.ChunkSize,
    });

    private static string DownloadLine(DownloadItem download) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["download"] = download.FileId, ["out"] = download.Destination });

    private static IEnumerable<string> Interleave(IEnumerable<string> first, IEnumerable<string> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        bool moreA = a.MoveNext(), moreB = b.MoveNext();
        while (moreA || moreB)
        {
            if (moreA)
            {
                yield return a.Current;
                moreA = a.MoveNext();
            }

            if (moreB)
            {
                yield return b.Current;
                moreB = b.MoveNext();
            }
        }
    }
}
