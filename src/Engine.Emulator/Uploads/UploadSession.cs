using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Win32.SafeHandles;

namespace Engine.Emulator.Uploads;

/// <summary>
/// One resumable upload session: what was declared at creation, the bytes stored so far (a file in the data
/// directory, appended strictly in order, hashed as it grows) and, once complete, the response to repeat.
/// Requests to one session are serialized by <see cref="Gate"/>.
/// </summary>
internal sealed class UploadSession(
    string id, string owner, JsonObject metadata, string part, long declaredLength, string contentType,
    DateTimeOffset openedAt, string filePath) : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private long storedLength;

    public string Id { get; } = id;

    /// <summary>Fingerprint of the bearer token that opened the session; other tokens do not see it.</summary>
    public string Owner { get; } = owner;

    public JsonObject Metadata { get; } = metadata;

    public string Part { get; } = part;

    public long DeclaredLength { get; } = declaredLength;

    public string ContentType { get; } = contentType;

    public DateTimeOffset OpenedAt { get; } = openedAt;

    public string FilePath { get; } = filePath;

    public SemaphoreSlim Gate { get; } = new(1, 1);

    public long StoredLength => Volatile.Read(ref storedLength);

    public UploadSessionState State { get; private set; }

    public UploadCompletion? Completion { get; private set; }

    public int Interruptions { get; set; }

    public string? Title =>
        (Metadata["snippet"] as JsonObject)?["title"] is JsonValue v && v.TryGetValue<string>(out var title) ? title : null;

    /// <summary>Opens the stored-bytes file for appending.</summary>
    public SafeFileHandle OpenForAppend() =>
        File.OpenHandle(FilePath, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, FileOptions.Asynchronous);

    /// <summary>Appends <paramref name="data"/> right after the bytes already stored.</summary>
    public async ValueTask AppendAsync(SafeFileHandle file, ReadOnlyMemory<byte> data)
    {
        await RandomAccess.WriteAsync(file, data, StoredLength).ConfigureAwait(false);
        hash.AppendData(data.Span);
        Volatile.Write(ref storedLength, storedLength + data.Length);
    }

    /// <summary>Marks the session complete with the response to give now and on every later request.</summary>
    public string Complete(UploadCompletion completion)
    {
        State = UploadSessionState.Completed;
        Completion = completion;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// Expires an active session. A completed one stays completed: its upload is done, and it keeps repeating the final
    /// answer (a client whose completing answer was lost learns the resource from its status query; were it told 404,
    /// it would have to upload again and create a duplicate video, which no client could avoid).
    /// </summary>
    public void Expire()
    {
        if (State == UploadSessionState.Active)
        {
            State = UploadSessionState.Expired;
        }
    }

    /// <summary>Whether the session is expired, by state or by its lifetime at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now, TimeSpan? lifetime)
    {
        if (State == UploadSessionState.Active && lifetime is { } life && now - OpenedAt >= life)
        {
            Expire();
        }

        return State == UploadSessionState.Expired;
    }

    public void Dispose()
    {
        hash.Dispose();
        Gate.Dispose();
    }
}

/// <summary>The response an upload session completed with, repeated on later status queries.</summary>
internal sealed record UploadCompletion(int StatusCode, string Body);
