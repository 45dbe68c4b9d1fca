using Engine.Emulator.Drive;
using Engine.Emulator.Faults;
using Engine.Emulator.Uploads;

namespace Engine.Emulator.Inspection;

/// <summary>
/// Read-only view of what the emulator saw and did, for tests and reports: sessions, completed uploads,
/// the request log, download calls, operations with their poll times and the byte ranges served.
/// The same data is served as JSON under <c>/emulator/…</c>.
/// </summary>
public sealed class EmulatorInspector
{
    private readonly UploadSessionStore uploads;
    private readonly RequestLog requests;
    private readonly FaultPlan faults;
    private readonly OperationStore operations;

    internal EmulatorInspector(UploadSessionStore uploads, RequestLog requests, FaultPlan faults, OperationStore operations)
    {
        this.operations = operations;
        this.uploads = uploads;
        this.requests = requests;
        this.faults = faults;
    }

    /// <summary>Upload sessions opened in total.</summary>
    public int SessionsOpened => uploads.Opened;

    /// <summary>Upload sessions opened for media with this <c>snippet.title</c> (one upload = one title in tests).</summary>
    public int SessionsOpenedFor(string title) => uploads.Snapshot().Count(s => s.Title == title);

    /// <summary>Every upload session, oldest first.</summary>
    public IReadOnlyList<UploadSessionInfo> Sessions => uploads.Snapshot();

    /// <summary>Uploads completed, in completion order, with size and SHA-256 of the stored bytes.</summary>
    public IReadOnlyList<CompletedUpload> CompletedUploads => uploads.Completed;

    /// <summary>The most recent requests (up to the configured capacity), oldest first.</summary>
    public IReadOnlyList<RequestLogEntry> Requests => requests.Snapshot();

    /// <summary>Requests answered in total (including those no longer in <see cref="Requests"/>).</summary>
    public long RequestCount => requests.Total;

    /// <summary>How many times each fault kind fired.</summary>
    public IReadOnlyDictionary<string, long> FaultsFired => faults.FiredByKind;

    /// <summary>How many times each fault rule fired, by its spec string (variants of one kind apart).</summary>
    public IReadOnlyDictionary<string, long> FaultsFiredByRule => faults.FiredByRule;

    /// <summary><c>files.download</c> calls received for <paramref name="fileId"/> (whatever their outcome).</summary>
    public int DownloadCalls(string fileId) => operations.DownloadCalls.GetValueOrDefault(fileId);

    /// <summary><c>files.download</c> calls received, by file id.</summary>
    public IReadOnlyDictionary<string, int> DownloadCallsByFile => operations.DownloadCalls;

    /// <summary>Every download operation, oldest first, with poll times and ranges served.</summary>
    public IReadOnlyList<OperationInfo> Operations => operations.Snapshot();

    /// <summary>The operation <paramref name="name"/>, or null.</summary>
    public OperationInfo? Operation(string name) => operations.Snapshot(name);
}
