using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Engine.Emulator.Http;

namespace Engine.Emulator.Uploads;

/// <summary>All upload sessions of one emulator run and the uploads completed, with their stored bytes under <c>DATA/uploads</c>.</summary>
internal sealed class UploadSessionStore : IDisposable
{
    private readonly ConcurrentDictionary<string, UploadSession> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<CompletedUpload> completed = new();
    private readonly string directory;
    private readonly TimeProvider time;
    private int opened;

    public UploadSessionStore(string dataDirectory, TimeProvider time)
    {
        directory = Path.Combine(dataDirectory, "uploads");
        Directory.CreateDirectory(directory);
        this.time = time;
    }

    public int Opened => Volatile.Read(ref opened);

    public UploadSession Open(string owner, JsonObject metadata, string part, long declaredLength, string contentType)
    {
        var id = ResourceIds.NewId();
        var session = new UploadSession(
            id, owner, metadata, part, declaredLength, contentType, time.GetUtcNow(), Path.Combine(directory, id + ".bin"));
        sessions[id] = session;
        Interlocked.Increment(ref opened);
        return session;
    }

    /// <summary>The session <paramref name="id"/> if it exists and belongs to <paramref name="owner"/>; otherwise null (a foreign token sees 404).</summary>
    public UploadSession? Find(string id, string owner) =>
        sessions.TryGetValue(id, out var session) && session.Owner == owner ? session : null;

    public void RecordCompleted(CompletedUpload upload) => completed.Enqueue(upload);

    public IReadOnlyList<CompletedUpload> Completed => completed.ToArray();

    public IReadOnlyList<UploadSessionInfo> Snapshot() =>
        sessions.Values
            .OrderBy(s => s.OpenedAt)
            .Select(s => new UploadSessionInfo(
                s.Id, s.Title, s.DeclaredLength, s.ContentType, s.StoredLength, s.State, s.OpenedAt, s.Interruptions))
            .ToArray();

    public void Dispose()
    {
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }
    }
}
