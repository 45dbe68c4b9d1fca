using System.Collections.Concurrent;
using Engine.Emulator.Http;

namespace Engine.Emulator.Drive;

/// <summary>The Drive files an emulator serves. Register files before asking for them; registration is thread-safe.</summary>
public sealed class DriveFileRegistry
{
    private readonly ConcurrentDictionary<string, DriveFile> files = new(StringComparer.Ordinal);
    private readonly TimeProvider time;

    internal DriveFileRegistry(TimeProvider time) => this.time = time;

    /// <summary>Every registered file.</summary>
    public IReadOnlyList<DriveFile> All => files.Values.ToArray();

    /// <summary>Registers a file and returns it with its ids filled in.</summary>
    public DriveFile Add(DriveFileRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        var id = registration.Id ?? ResourceIds.NewId(12);
        if (!ResourceIds.IsValid(id))
        {
            throw new ArgumentException($"Drive file id '{id}' must be 1..128 characters of A-Z, a-z, 0-9, '_' or '-'.", nameof(registration));
        }

        var contents = registration.OlderRevisions.Append(registration.Content).ToArray();
        var ids = registration.RevisionIds ?? GenerateRevisionIds(registration.Kind, contents.Length);
        if (ids.Count != contents.Length || ids.Distinct().Count() != ids.Count || !ids.All(ResourceIds.IsValid))
        {
            throw new ArgumentException(
                $"Drive file '{registration.Name}': give {contents.Length} distinct revision ids of A-Z, a-z, 0-9, '_' or '-' (one per revision), or none.",
                nameof(registration));
        }

        var now = time.GetUtcNow();
        var revisions = contents
            .Select((content, i) => new DriveRevision(ids[i], content, now - TimeSpan.FromMinutes(contents.Length - 1 - i)))
            .ToArray();
        var kind = WorkspaceKind.Of(registration.Kind);
        var mimeType = kind.IsBlob ? registration.MimeType ?? "application/octet-stream" : kind.DriveMimeType;
        var file = new DriveFile(id, registration.Name, registration.Kind, mimeType, registration.ResourceKey, revisions);
        if (!files.TryAdd(id, file))
        {
            throw new ArgumentException($"Drive file id '{id}' is already registered.", nameof(registration));
        }

        return file;
    }

    /// <summary>The file <paramref name="id"/>, or null.</summary>
    public DriveFile? Find(string id) => files.GetValueOrDefault(id);

    private static string[] GenerateRevisionIds(DriveFileKind kind, int count) =>
        kind is DriveFileKind.Docs or DriveFileKind.Drawings or DriveFileKind.Slides
            ? Enumerable.Range(0, count).Select(i => (1 + (3 * i)).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray()
            : Enumerable.Range(0, count).Select(_ => "0B" + ResourceIds.NewId(12)).ToArray();
}
