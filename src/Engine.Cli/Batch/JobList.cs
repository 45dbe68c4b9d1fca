using System.Text.Json;
using Engine.Cli.Configuration;
using Engine.Cli.Running;
using Engine.Transfers.Downloads;
using Engine.Transfers.Uploads;

namespace Engine.Cli.Batch;

/// <summary>
/// Reads a job list: JSON lines, one job per line (blank lines are skipped), relative paths resolved against the working
/// directory. <c>{"upload": PATH, "contentType"?: TYPE, "chunkSize"?: SIZE, "metadata"?: {…}}</c> or
/// <c>{"download": FILE_ID, "out": PATH, "mimeType"?: TYPE, "revision"?: ID, "resourceKey"?: KEY}</c>. A list names each
/// upload source and each download destination once: that path is how a later run finds the job in the journal.
/// </summary>
internal static class JobList
{
    private static readonly string[] UploadKeys = ["upload", "contentType", "chunkSize", "metadata"];
    private static readonly string[] DownloadKeys = ["download", "out", "mimeType", "revision", "resourceKey"];

    /// <summary>The jobs of <paramref name="file"/>, in order.</summary>
    /// <exception cref="UsageException">The file is missing, a line is not a job, or two lines name the same path; the message names the line.</exception>
    public static IReadOnlyList<BatchJob> Read(FileInfo file)
    {
        if (!file.Exists)
        {
            throw new UsageException($"batch: the job list '{file.FullName}' does not exist; give a JSON-lines file with one job per line.");
        }

        var jobs = new List<BatchJob>();
        var firstUse = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in File.ReadLines(file.FullName))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var origin = $"'{file.Name}' line {number}";
            var job = Parse(origin, line);
            if (!firstUse.TryAdd(job.LocalPath, origin))
            {
                throw new UsageException(
                    $"{origin}: '{job.LocalPath}' is already named by {firstUse[job.LocalPath]}; a list names each upload source and download destination once.");
            }

            jobs.Add(job);
        }

        return jobs.Count > 0
            ? jobs
            : throw new UsageException($"batch: the job list '{file.FullName}' holds no job; write one JSON object per line.");
    }

    private static BatchJob Parse(string origin, string line)
    {
        JsonElement job;
        try
        {
            using var document = JsonDocument.Parse(line);
            job = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new UsageException($"{origin}: not valid JSON ({e.Message}); write one JSON object per line.");
        }

        if (job.ValueKind != JsonValueKind.Object)
        {
            throw new UsageException($"{origin}: a job is a JSON object such as {{\"upload\":\"clip.mp4\"}} or {{\"download\":\"FILE_ID\",\"out\":\"clip.mp4\"}}.");
        }

        var isUpload = job.TryGetProperty("upload", out _);
        if (isUpload == job.TryGetProperty("download", out _))
        {
            throw new UsageException($"{origin}: a job has exactly one of \"upload\" (a file to upload) and \"download\" (a Drive file id).");
        }

        var allowed = isUpload ? UploadKeys : DownloadKeys;
        foreach (var property in job.EnumerateObject())
        {
            if (!allowed.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new UsageException(
                    $"{origin}: unknown key \"{property.Name}\"; {(isUpload ? "an upload" : "a download")} takes {string.Join(", ", allowed)}.");
            }
        }

        return isUpload ? ParseUpload(origin, job) : ParseDownload(origin, job);
    }

    private static UploadJob ParseUpload(string origin, JsonElement job)
    {
        var request = new UploadRequest(Path.GetFullPath(RequiredText(origin, job, "upload")))
        {
            ChunkSize = job.TryGetProperty("chunkSize", out var chunk) ? ChunkSize(origin, chunk) : null,
            MetadataJson = job.TryGetProperty("metadata", out var metadata)
                ? metadata.ValueKind == JsonValueKind.Object
                    ? metadata.GetRawText()
                    : throw new UsageException($"{origin}: \"metadata\" is the video resource, a JSON object such as {{\"snippet\":{{\"title\":\"…\"}}}}.")
                : null,
        };
        return new UploadJob(origin, OptionalText(origin, job, "contentType") is { } type ? request with { ContentType = type } : request);
    }

    private static DownloadJob ParseDownload(string origin, JsonElement job)
    {
        var fileId = RequiredText(origin, job, "download");
        if (fileId.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || fileId is "." or "..")
        {
            throw new UsageException($"{origin}: '{fileId}' is not a Drive file id (ids hold letters, digits, '-' and '_').");
        }

        return new DownloadJob(origin, new DownloadRequest(fileId, Path.GetFullPath(RequiredText(origin, job, "out")))
        {
            MimeType = OptionalText(origin, job, "mimeType"),
            RevisionId = OptionalText(origin, job, "revision"),
            ResourceKey = OptionalText(origin, job, "resourceKey"),
        });
    }

    private static long ChunkSize(string origin, JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var bytes) && bytes >= 0 => bytes,
        JsonValueKind.String => SizeText.Parse($"{origin}: \"chunkSize\"", value.GetString()!),
        _ => throw new UsageException($"{origin}: \"chunkSize\" is a size such as 0, 262144 or \"8MiB\"."),
    };

    private static string RequiredText(string origin, JsonElement job, string key) =>
        OptionalText(origin, job, key) ?? throw new UsageException($"{origin}: \"{key}\" is missing.");

    private static string? OptionalText(string origin, JsonElement job, string key)
    {
        if (!job.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : throw new UsageException($"{origin}: \"{key}\" must be a non-empty string.");
    }
}
