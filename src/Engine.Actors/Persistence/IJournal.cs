namespace Engine.Actors.Persistence;

/// <summary>
/// The event journal, with the contract of Akka.NET's <c>AsyncWriteJournal</c>.
/// </summary>
/// <remarks>
/// <para><b>Failure versus rejection.</b> A write can go wrong in two ways, and the persistent actor
/// reacts differently to each:</para>
/// <list type="bullet">
/// <item><description><b>Rejected</b>: the journal <i>knows</i> the events were not stored (the payload
/// could not be serialized, or violates a rule of the journal). <see cref="WriteMessagesAsync"/> returns
/// normally with a non-null exception at the index of that <see cref="AtomicWrite"/>. The actor is told
/// (<c>OnPersistRejected</c>), its event handler does not run, and it keeps processing messages.</description></item>
/// <item><description><b>Failed</b>: the outcome is <i>unknown</i> (connection lost during commit, disk
/// full, database locked past its timeout, a unique-key violation because another writer holds the same
/// persistence id). The returned task faults. The actor cannot know what is stored, so it is stopped
/// (<c>OnPersistFailure</c>); its backoff supervisor starts it again later and recovery shows what
/// the journal really holds.</description></item>
/// </list>
/// <para><b>Ordering.</b> A persistent actor issues at most one <see cref="WriteMessagesAsync"/> call at a time
/// for its persistence id, and its sequence numbers start at 1 with no gaps. Calls for different
/// persistence ids may run concurrently; an implementation may coalesce them into one transaction
/// (group commit), but every <see cref="AtomicWrite"/> stays all-or-nothing and the task of a call
/// completes only once its events are durable.</para>
/// <para><b>Uniqueness.</b> (persistence id, sequence number) is unique in storage. A second write of the
/// same pair is a <i>failure</i>, never a silent overwrite: it is the last guard against two live writers
/// for one persistence id.</para>
/// </remarks>
public interface IJournal
{
    /// <summary>Stores the writes. See the type remarks for the rejection/failure contract.</summary>
    /// <returns>One entry per write, in order: <c>null</c> when stored, the reason when rejected.</returns>
    Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replays stored events of <paramref name="persistenceId"/> with
    /// <paramref name="fromSequenceNr"/> ≤ sequence number ≤ <paramref name="toSequenceNr"/>, in order, at most
    /// <paramref name="max"/> of them, calling <paramref name="onReplayed"/> for each. Deleted events are skipped.
    /// A row that cannot be deserialized (unknown manifest, corrupt payload) faults the task with an error naming
    /// the persistence id, the sequence number and the manifest.
    /// </summary>
    Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default);

    /// <summary>
    /// The highest sequence number ever stored for <paramref name="persistenceId"/> (0 when none), also when
    /// the events up to it were deleted. <paramref name="fromSequenceNr"/> is a hint where to start looking.
    /// </summary>
    Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the events of <paramref name="persistenceId"/> up to and including <paramref name="toSequenceNr"/>
    /// (after a snapshot covers them). The highest sequence number stays readable.
    /// </summary>
    Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default);

    /// <summary>Every persistence id that has stored events (Akka.Persistence.Query's <c>CurrentPersistenceIds</c>).</summary>
    IAsyncEnumerable<string> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default);
}
