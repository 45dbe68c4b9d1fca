namespace Engine.Actors.Persistence;

/// <summary>Identifies a snapshot: whose state, as of which event.</summary>
public sealed record SnapshotMetadata(string PersistenceId, long SequenceNr, DateTimeOffset Timestamp);

/// <summary>A snapshot found by <see cref="ISnapshotStore.LoadAsync"/>.</summary>
public sealed record SelectedSnapshot(SnapshotMetadata Metadata, object Snapshot);

/// <summary>The snapshot store, with the contract of Akka.NET's <c>SnapshotStore</c>.</summary>
public interface ISnapshotStore
{
    /// <summary>The newest snapshot of <paramref name="persistenceId"/> whose sequence number is ≤ <paramref name="maxSequenceNr"/>, or <c>null</c>.</summary>
    Task<SelectedSnapshot?> LoadAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Stores a snapshot; a second one for the same (persistence id, sequence number) replaces the first.</summary>
    Task SaveAsync(SnapshotMetadata metadata, object snapshot, CancellationToken cancellationToken = default);

    /// <summary>Deletes the snapshots of <paramref name="persistenceId"/> with sequence number ≤ <paramref name="maxSequenceNr"/>.</summary>
    Task DeleteAsync(string persistenceId, long maxSequenceNr, CancellationToken cancellationToken = default);
}
