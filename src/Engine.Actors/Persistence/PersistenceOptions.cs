namespace Engine.Actors.Persistence;

/// <summary>
/// Where persistent actors store their events and snapshots, and how they recover (Akka's
/// <c>akka.persistence</c> section). Given once in <see cref="ActorSystemOptions.Persistence"/>.
/// </summary>
public sealed record PersistenceOptions
{
    /// <summary>The event journal; defaults to an in-memory one (lost with the process).</summary>
    public IJournal Journal { get; init; } = new MemoryJournal();

    /// <summary>The snapshot store; defaults to an in-memory one (lost with the process).</summary>
    public ISnapshotStore SnapshotStore { get; init; } = new MemorySnapshotStore();

    /// <summary>
    /// Most persistent actors recovering at the same time (Akka's <c>max-concurrent-recoveries</c>), so that
    /// thousands of actors started together do not storm the database; the others wait, stashing their commands.
    /// </summary>
    public int MaxConcurrentRecoveries { get; init; } = 50;

    /// <summary>Events replayed per page during recovery; bounds the memory one recovery holds at once.</summary>
    public int ReplayBatchSize { get; init; } = 1_000;

    /// <summary>
    /// Default for <see cref="PersistentActor{TCommand}.SnapshotEvery"/>: take a snapshot after every N persisted
    /// events (0: never automatically).
    /// </summary>
    public int SnapshotEvery { get; init; }

    /// <summary>After a snapshot is stored, delete the events and older snapshots it covers (keeps the journal short).</summary>
    public bool DeleteEventsOnSnapshot { get; init; } = true;
}
