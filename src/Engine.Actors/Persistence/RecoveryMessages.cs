namespace Engine.Actors.Persistence;

/// <summary>
/// Offered to <c>ReceiveRecover</c> first when a snapshot exists (Akka's <c>SnapshotOffer</c>): restore the state
/// from <see cref="Snapshot"/>; events after <see cref="SnapshotMetadata.SequenceNr"/> follow.
/// </summary>
public sealed record SnapshotOffer(SnapshotMetadata Metadata, object Snapshot);

/// <summary>
/// The last message <c>ReceiveRecover</c> gets, always, also for a new persistence id (Akka's <c>RecoveryCompleted</c>).
/// From here on commands are handled; <c>Persist</c> is allowed in its handler.
/// </summary>
public sealed class RecoveryCompleted
{
    private RecoveryCompleted() { }

    /// <summary>The only instance.</summary>
    public static RecoveryCompleted Instance { get; } = new();
}
