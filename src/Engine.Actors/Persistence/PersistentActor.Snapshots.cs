using Engine.Actors.Core;
using Microsoft.Extensions.Logging;

namespace Engine.Actors.Persistence;

/// <summary>This file: snapshots and deleting events (Akka's <c>SaveSnapshot</c> / <c>DeleteMessages</c>).</summary>
public abstract partial class PersistentActor<TCommand>
{
    /// <summary>
    /// Stores <paramref name="snapshot"/> as the state after event <see cref="LastSequenceNr"/>. It must be immutable:
    /// it is stored while the actor continues. On success <see cref="OnSnapshotSaved"/> runs and, when
    /// <see cref="PersistenceOptions.DeleteEventsOnSnapshot"/> is set, the events and older snapshots it covers are deleted.
    /// </summary>
    protected void SaveSnapshot(object snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var metadata = new SnapshotMetadata(PersistenceId, LastSequenceNr, Cell.System.TimeProvider.GetUtcNow());
        var store = SnapshotStore;
        JournalCall.Start(() => store.SaveAsync(metadata, snapshot)).ContinueWith(
            t => Cell.Post(new SnapshotSaved(this, metadata, t.IsCompletedSuccessfully ? null : TaskOutcome.Unwrap(t)), ownWork: true),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>
    /// Deletes the events up to and including <paramref name="toSequenceNr"/> (Akka's <c>DeleteMessages</c>); the
    /// sequence numbering continues. <see cref="OnMessagesDeleted"/> or <see cref="OnDeleteMessagesFailure"/> follows.
    /// </summary>
    protected void DeleteMessages(long toSequenceNr)
    {
        if (toSequenceNr > LastSequenceNr)
            throw new ArgumentOutOfRangeException(nameof(toSequenceNr), toSequenceNr,
                $"Persistent actor '{PersistenceId}' cannot delete events up to {toSequenceNr}: its last event is {LastSequenceNr}.");
        var journal = Journal;
        var id = PersistenceId;
        JournalCall.Start(() => journal.DeleteMessagesToAsync(id, toSequenceNr)).ContinueWith(
            t => Cell.Post(new MessagesDeleted(this, toSequenceNr, t.IsCompletedSuccessfully ? null : TaskOutcome.Unwrap(t)), ownWork: true),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>A snapshot was stored. Default: nothing.</summary>
    protected virtual void OnSnapshotSaved(SnapshotMetadata metadata) { }

    /// <summary>Storing a snapshot failed; the actor continues (its events are still in the journal). Default: logs a warning.</summary>
    protected virtual void OnSnapshotFailure(SnapshotMetadata metadata, Exception cause) =>
        Log.LogWarning(cause, "Saving the snapshot of {PersistenceId} at #{SequenceNr} failed; the events stay in the journal", metadata.PersistenceId, metadata.SequenceNr);

    /// <summary>Events up to <paramref name="toSequenceNr"/> were deleted. Default: nothing.</summary>
    protected virtual void OnMessagesDeleted(long toSequenceNr) { }

    /// <summary>Deleting events failed; they stay stored. Default: logs a warning.</summary>
    protected virtual void OnDeleteMessagesFailure(long toSequenceNr, Exception cause) =>
        Log.LogWarning(cause, "Deleting the events of {PersistenceId} up to #{SequenceNr} failed; they stay in the journal", PersistenceId, toSequenceNr);

    private void SnapshotIfDue()
    {
        var every = SnapshotEvery;
        if (every <= 0 || LastSequenceNr % every != 0) return;
        SaveSnapshot(CreateSnapshot() ?? throw new InvalidOperationException(
            $"{GetType().Name} ('{PersistenceId}') takes a snapshot every {every} events, but CreateSnapshot returned null; override it to return an immutable copy of the state."));
    }

    private void OnSnapshotSavedMessage(SnapshotMetadata metadata, Exception? failure)
    {
        if (failure is not null)
        {
            OnSnapshotFailure(metadata, failure);
            return;
        }
        SnapshotSequenceNr = Math.Max(SnapshotSequenceNr, metadata.SequenceNr);
        OnSnapshotSaved(metadata);
        if (!_options.DeleteEventsOnSnapshot || metadata.SequenceNr == 0) return;
        DeleteMessages(metadata.SequenceNr);
        var store = SnapshotStore;
        JournalCall.Start(() => store.DeleteAsync(metadata.PersistenceId, metadata.SequenceNr - 1)).ContinueWith(
            t => Log.LogWarning(t.Exception, "Deleting snapshots of {PersistenceId} older than #{SequenceNr} failed; they stay stored", metadata.PersistenceId, metadata.SequenceNr),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private sealed class SnapshotSaved(PersistentActor<TCommand> owner, SnapshotMetadata metadata, Exception? failure) : RuntimeMessage
    {
        public override void Deliver(object actor)
        {
            if (actor == owner) owner.OnSnapshotSavedMessage(metadata, failure);
        }
    }

    private sealed class MessagesDeleted(PersistentActor<TCommand> owner, long toSequenceNr, Exception? failure) : RuntimeMessage
    {
        public override void Deliver(object actor)
        {
            if (actor != owner) return;
            if (failure is null) owner.OnMessagesDeleted(toSequenceNr);
            else owner.OnDeleteMessagesFailure(toSequenceNr, failure);
        }
    }
}
