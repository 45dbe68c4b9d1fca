using System.Globalization;
using Engine.Chaos.Running;
using Engine.Chaos.Workload;
using Engine.Emulator;
using Engine.Emulator.Drive;
using Engine.Emulator.Inspection;
using Engine.Emulator.Uploads;

namespace Engine.Chaos.Checks;

/// <summary>
/// What the emulator saw, filed by transfer: an upload's sessions (by title), the requests to them (by
/// <c>upload_id</c>) and its session openings (by <c>X-Upload-Content-Length</c>, unique per upload); a download's
/// operations and the requests about them (by file id and operation name).
/// </summary>
public sealed class EmulatorView
{
    private readonly ILookup<string, UploadSessionInfo> sessionsByTitle;
    private readonly ILookup<string, RequestLogEntry> requestsBySession;
    private readonly ILookup<long, RequestLogEntry> opensBySize;
    private readonly ILookup<string, OperationInfo> operationsByFile;
    private readonly ILookup<string, RequestLogEntry> requestsByOperation;
    private readonly ILookup<string, RequestLogEntry> downloadCallsByFile;

    /// <summary>Takes a snapshot of <paramref name="emulator"/>'s inspector.</summary>
    public EmulatorView(EmulatorServer emulator)
    {
        var inspector = emulator.Inspector;
        Requests = inspector.Requests;
        Sessions = inspector.Sessions;
        CompletedUploads = inspector.CompletedUploads;
        Operations = inspector.Operations;
        sessionsByTitle = Sessions.OrderBy(s => s.OpenedAt).ToLookup(s => s.Title ?? "", StringComparer.Ordinal);
        requestsBySession = Requests.Where(r => r.Target is "put" or "query")
            .ToLookup(r => RequestPaths.SessionOf(r.Path), StringComparer.Ordinal);
        opensBySize = Requests.Where(r => r.Target == "open")
            .ToLookup(r => r.Headers.TryGetValue("X-Upload-Content-Length", out var size) ? long.Parse(size, CultureInfo.InvariantCulture) : -1);
        operationsByFile = Operations.OrderBy(o => o.CreatedAt).ToLookup(o => o.FileId, StringComparer.Ordinal);
        requestsByOperation = Requests.Where(r => r.Target is "poll" or "content" || r.Path.StartsWith("/download/drive/v3/", StringComparison.Ordinal))
            .ToLookup(r => RequestPaths.LastSegment(r.Path), StringComparer.Ordinal);
        downloadCallsByFile = Requests.Where(r => r.Target == "download")
            .ToLookup(r => r.Path.Split('/')[4], StringComparer.Ordinal);
        RequestLogComplete = inspector.RequestCount == Requests.Count;
    }

    /// <summary>Every request, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Requests { get; }

    /// <summary>Whether the log still holds every request (its capacity was not exceeded).</summary>
    public bool RequestLogComplete { get; }

    /// <summary>Every upload session.</summary>
    public IReadOnlyList<UploadSessionInfo> Sessions { get; }

    /// <summary>Every completed upload.</summary>
    public IReadOnlyList<CompletedUpload> CompletedUploads { get; }

    /// <summary>Every download operation.</summary>
    public IReadOnlyList<OperationInfo> Operations { get; }

    /// <summary>The sessions opened for <paramref name="upload"/>, oldest first.</summary>
    public IReadOnlyList<UploadSessionInfo> SessionsOf(UploadItem upload) => sessionsByTitle[upload.Name].ToList();

    /// <summary>The PUTs and status queries to session <paramref name="uploadId"/>, oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> RequestsTo(string uploadId) => requestsBySession[uploadId].ToList();

    /// <summary>Every request of <paramref name="upload"/>: its session openings and the requests to its sessions.</summary>
    public IEnumerable<RequestLogEntry> RequestsOf(UploadItem upload) =>
        opensBySize[upload.Size].Concat(SessionsOf(upload).SelectMany(s => RequestsTo(s.UploadId)));

    /// <summary>The operations started for <paramref name="download"/>, oldest first.</summary>
    public IReadOnlyList<OperationInfo> OperationsOf(DownloadItem download) => operationsByFile[download.FileId].ToList();

    /// <summary>Every request of <paramref name="download"/>: its <c>download()</c> calls, polls and content fetches.</summary>
    public IEnumerable<RequestLogEntry> RequestsOf(DownloadItem download) =>
        downloadCallsByFile[download.FileId].Concat(OperationsOf(download).SelectMany(o => requestsByOperation[o.Name]));

    /// <summary>The content fetches of operation <paramref name="name"/>.</summary>
    public IEnumerable<RequestLogEntry> ContentRequestsOf(string name) => requestsByOperation[name].Where(r => r.Target == "content");

    /// <summary>The first byte of a data PUT: <c>bytes FIRST-LAST/TOTAL</c>, or 0 without <c>Content-Range</c>.</summary>
    public static long FirstByte(RequestLogEntry put) =>
        put.Headers.TryGetValue("Content-Range", out var range) && range.StartsWith("bytes ", StringComparison.Ordinal) && range.IndexOf('-', StringComparison.Ordinal) > 6
            ? long.Parse(range["bytes ".Length..range.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture)
            : 0;
}
