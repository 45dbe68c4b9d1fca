namespace Engine.Actors.Persistence;

/// <summary>
/// An in-memory <see cref="ISnapshotStore"/> (Akka's <c>MemorySnapshotStore</c>) for tests and demos. Given a
/// serializer it stores bytes, so a snapshot is a copy that later mutation cannot change.
/// </summary>
public sealed class MemorySnapshotStore(IPersistenceSerializer? serializer = null) : ISnapshotStore
{
    private readonly Dictionary<string, SortedList<long, Entry>> _snapshots = new(StringComparer.Ordinal);

    public Task<SelectedSnapshot?> LoadAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        Entry? newest = null;
        lock (_snapshots)
        {
            if (_snapshots.TryGetValue(persistenceId, out var entries))
                newest = entries.Values.LastOrDefault(e => e.Metadata.SequenceNr <= maxSequenceNr);
        }
        return Task.FromResult(newest is null ? null : new SelectedSnapshot(newest.Metadata, Decode(newest)));
    }

    public Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(snapshot);
        var entry = serializer is null
            ? new Entry(metadata, snapshot, null, null)
            : Encode(metadata, snapshot);
        lock (_snapshots)
        {
            if (!_snapshots.TryGetValue(metadata.PersistenceId, out var entries)) _snapshots[metadata.PersistenceId] = entries = [];
            entries[metadata.SequenceNr] = entry;
        }
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default)
    {
        lock (_snapshots)
        {
            if (!_snapshots.TryGetValue(persistenceId, out var entries)) return Task.CompletedTask;
            foreach (var sequenceNr in entries.Keys.Where(k => k <= maxSequenceNr).ToList()) entries.Remove(sequenceNr);
        }
        return Task.CompletedTask;
    }

    private Entry Encode(SnapshotMetadata metadata, object snapshot)
    {
        var (manifest, bytes) = serializer!.Serialize(snapshot);
        return new Entry(metadata, null, manifest, bytes);
    }

    private object Decode(Entry entry) =>
        serializer is null ? entry.Snapshot! : serializer.Deserialize(entry.Manifest!, entry.Bytes);

    private sealed record Entry(SnapshotMetadata Metadata, object? Snapshot, string? Manifest, byte[]? Bytes);
}
