namespace Engine.Actors.Persistence;

/// <summary>
/// One event as the journal stores and replays it (Akka's <c>IPersistentRepresentation</c>).
/// </summary>
/// <param name="PersistenceId">The stable identity of the persistent actor, e.g. <c>upload-7f3a…</c>.</param>
/// <param name="SequenceNr">Position of the event in that actor's stream, starting at 1, without gaps.</param>
/// <param name="Payload">The event object; the journal turns it into bytes with its <see cref="IPersistenceSerializer"/>.</param>
/// <param name="WriterUuid">Identifies the actor incarnation that wrote the event (changes on every restart).</param>
/// <param name="Timestamp">When the event was persisted.</param>
public sealed record PersistentRepresentation(
    string PersistenceId,
    long SequenceNr,
    object Payload,
    string WriterUuid,
    DateTimeOffset Timestamp);

/// <summary>
/// Events of one persistent actor that are stored all together or not at all (Akka's <c>AtomicWrite</c>);
/// <c>Persist</c> produces one event per write, <c>PersistAll</c> several.
/// </summary>
public sealed class AtomicWrite
{
    public AtomicWrite(IReadOnlyList<PersistentRepresentation> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
            throw new ArgumentException("An atomic write holds at least one event.", nameof(events));
        var id = events[0].PersistenceId;
        for (var i = 1; i < events.Count; i++)
        {
            if (events[i].PersistenceId != id)
                throw new ArgumentException($"An atomic write belongs to one persistence id; got '{id}' and '{events[i].PersistenceId}'.", nameof(events));
            if (events[i].SequenceNr != events[i - 1].SequenceNr + 1)
                throw new ArgumentException($"Sequence numbers of an atomic write for '{id}' must be consecutive.", nameof(events));
        }
        Events = events;
    }

    public IReadOnlyList<PersistentRepresentation> Events { get; }
    public string PersistenceId => Events[0].PersistenceId;
    public long LowestSequenceNr => Events[0].SequenceNr;
    public long HighestSequenceNr => Events[^1].SequenceNr;
}
