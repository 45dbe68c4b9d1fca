using System.Collections.Concurrent;
using Engine.Emulator.Http;

namespace Engine.Emulator.Drive;

/// <summary>The download operations of one emulator run, and how many <c>download()</c> calls each file got.</summary>
internal sealed class OperationStore(EmulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, DriveOperation> operations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> downloadCalls = new(StringComparer.Ordinal);

    public TimeProvider Time => time;

    public DriveOperation Create(string owner, DriveFile file, DriveRevision revision, string contentType, int? failCode)
    {
        var operation = new DriveOperation(ResourceIds.NewId(), owner, file, revision, contentType, failCode, time.GetUtcNow());
        operations[operation.Name] = operation;
        return operation;
    }

    /// <summary>The live operation <paramref name="name"/> of <paramref name="owner"/>; null when unknown, foreign or past its lifetime.</summary>
    public DriveOperation? Find(string name, string owner) =>
        operations.TryGetValue(name, out var operation)
        && operation.Owner == owner
        && time.GetUtcNow() - operation.CreatedAt < options.OperationLifetime
            ? operation
            : null;

    /// <summary>The live, successfully finished operation <paramref name="name"/> whatever its owner (the export URL's signature is its capability).</summary>
    public DriveOperation? FindExport(string name) =>
        operations.TryGetValue(name, out var operation)
        && operation is { Done: true, FailCode: null }
        && time.GetUtcNow() - operation.CreatedAt < options.OperationLifetime
            ? operation
            : null;

    public bool Poll(DriveOperation operation) =>
        operation.Poll(time.GetUtcNow(), options.OperationPendingPolls, options.OperationPendingTime);

    public void CountDownloadCall(string fileId) => downloadCalls.AddOrUpdate(fileId, 1, (_, n) => n + 1);

    public IReadOnlyDictionary<string, int> DownloadCalls => new Dictionary<string, int>(downloadCalls, StringComparer.Ordinal);

    public IReadOnlyList<OperationInfo> Snapshot() =>
        operations.Values.Select(o => o.Snapshot()).OrderBy(o => o.CreatedAt).ToArray();

    public OperationInfo? Snapshot(string name) => operations.TryGetValue(name, out var o) ? o.Snapshot() : null;
}
