using Engine.Persistence.Sql.Journal;

namespace Engine.Persistence.Sql.GroupCommit;

/// <summary>
/// The stored part of one <c>WriteMessagesAsync</c> call: its serialized events, committed all together, and the
/// task its caller awaits. The events of one call never span two transactions.
/// </summary>
internal sealed class PendingWrite(IReadOnlyList<SerializedEvent> events)
{
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<SerializedEvent> Events { get; } = events;

    /// <summary>Completes once the events are committed; faults when their write failed.</summary>
    public Task Completion => _completion.Task;

    public IReadOnlyList<string> PersistenceIds => Events.Select(e => e.PersistenceId).Distinct().ToArray();

    public void Committed() => _completion.TrySetResult();

    public void Failed(Exception error) => _completion.TrySetException(error);
}
