using Engine.Actors.Core;

namespace Engine.Actors.Persistence;

/// <summary>
/// This file: recovery. The journal is read off the actor's turn (snapshot, highest sequence number, events in
/// pages); each step comes back as a message and is applied on the actor's turn, while commands are stashed.
/// </summary>
public abstract partial class PersistentActor<TCommand>
{
    private enum Phase { WaitingForPermit, Recovering, Running, Failed }

    private Phase _phase;
    private bool _holdsPermit;
    private CancellationTokenSource? _recoveryCancellation;
    private string _writerUuid = "";

    internal override void AroundPreStart()
    {
        PreStart();
        StartRecovery();
    }

    internal override void AroundPostRestart(Exception reason)
    {
        PostRestart(reason);
        StartRecovery();
    }

    internal override void ReleaseResources()
    {
        ReleasePermit();
        _recoveryCancellation?.Cancel();
        _recoveryCancellation?.Dispose();
        _recoveryCancellation = null;
    }

    private void StartRecovery()
    {
        if (string.IsNullOrWhiteSpace(PersistenceId))
            throw new InvalidOperationException($"{GetType().Name} has an empty PersistenceId; every persistent actor needs a stable, unique id.");
        _phase = Phase.WaitingForPermit;
        _writerUuid = Guid.NewGuid().ToString("N");
        var permitter = Cell.System.RecoveryPermitter;
        permitter.AcquireAsync().ContinueWith(_ => Cell.Post(new PermitGranted(this, permitter), ownWork: true),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void OnPermitGranted()
    {
        _holdsPermit = true;
        _phase = Phase.Recovering;
        _recoveryCancellation = new CancellationTokenSource();
        _ = ReadStreamAsync(PersistenceId, Journal, SnapshotStore, _options.ReplayBatchSize, _recoveryCancellation.Token);
    }

    /// <summary>Reads the stream off the actor's turn and posts every step; touches no state of the actor.</summary>
    private async Task ReadStreamAsync(string persistenceId, IJournal journal, ISnapshotStore snapshots, int pageSize, CancellationToken cancellation)
    {
        try
        {
            var snapshot = await JournalCall.Start(() => snapshots.LoadAsync(persistenceId, long.MaxValue, cancellation)).ConfigureAwait(false);
            var from = (snapshot?.Metadata.SequenceNr ?? 0) + 1;
            var highest = await JournalCall.Start(() => journal.ReadHighestSequenceNrAsync(persistenceId, from, cancellation)).ConfigureAwait(false);
            if (snapshot is not null) Post(new RecoveryStep(this, snapshot, [], highest: null, failure: null));
            while (from <= highest)
            {
                var page = new List<PersistentRepresentation>();
                await JournalCall.Start(() => journal.ReplayMessagesAsync(persistenceId, from, highest, pageSize, page.Add, cancellation)).ConfigureAwait(false);
                if (page.Count > 0) Post(new RecoveryStep(this, null, page, highest: null, failure: null));
                if (page.Count < pageSize) break;
                from = page[^1].SequenceNr + 1;
            }
            Post(new RecoveryStep(this, null, [], highest, failure: null));
        }
        catch (Exception ex)
        {
            Post(new RecoveryStep(this, null, [], highest: null, ex));
        }
    }

    private void Post(RecoveryStep step) => Cell.Post(step, ownWork: true);

    private void OnRecoveryStep(RecoveryStep step)
    {
        if (_phase != Phase.Recovering) return;
        if (step.Failure is { } failure)
        {
            FailRecovery(failure, @event: null, sequenceNr: null);
            return;
        }
        if (step.Snapshot is { } snapshot && !Replay(new SnapshotOffer(snapshot.Metadata, snapshot.Snapshot), snapshot.Metadata.SequenceNr))
            return;
        if (step.Snapshot is not null) SnapshotSequenceNr = LastSequenceNr;
        foreach (var @event in step.Events)
            if (!Replay(@event.Payload, @event.SequenceNr)) return;
        if (step.Highest is { } highest) CompleteRecovery(highest);
    }

    /// <summary>Applies one replayed item; false when it threw and recovery has failed.</summary>
    private bool Replay(object message, long sequenceNr)
    {
        try
        {
            ReceiveRecover(message);
            LastSequenceNr = sequenceNr;
            return true;
        }
        catch (Exception ex)
        {
            FailRecovery(ex, message, sequenceNr);
            return false;
        }
    }

    private void CompleteRecovery(long highest)
    {
        LastSequenceNr = Math.Max(LastSequenceNr, highest);
        _assignedSequenceNr = LastSequenceNr;
        ReleasePermit();
        _recoveryCancellation?.Dispose();
        _recoveryCancellation = null;
        _phase = Phase.Running;
        try
        {
            ReceiveRecover(RecoveryCompleted.Instance);
        }
        catch (Exception ex)
        {
            FailRecovery(ex, RecoveryCompleted.Instance, sequenceNr: null);
            return;
        }
        FlushOrUnstash();
    }

    private void FailRecovery(Exception cause, object? @event, long? sequenceNr)
    {
        _phase = Phase.Failed; // ignore further steps; commands keep being stashed until the stop
        ReleaseResources();
        OnRecoveryFailure(cause, @event);
        Cell.StopWithFailure(new RecoveryFailedException(PersistenceId, sequenceNr, cause));
    }

    private void ReleasePermit()
    {
        if (!_holdsPermit) return;
        _holdsPermit = false;
        Cell.System.RecoveryPermitter.Release();
    }

    /// <summary>A recovery permit; returned at once when the instance it was meant for is gone.</summary>
    private sealed class PermitGranted(PersistentActor<TCommand> owner, RecoveryPermitter permitter) : RuntimeMessage
    {
        public override void Deliver(object actor)
        {
            if (actor == owner && owner._phase == Phase.WaitingForPermit) owner.OnPermitGranted();
            else permitter.Release();
        }

        public override void Discard() => permitter.Release();
    }

    /// <summary>One step of recovery: a snapshot, a page of events, the end (with the highest sequence number), or a failure.</summary>
    private sealed class RecoveryStep(PersistentActor<TCommand> owner, SelectedSnapshot? snapshot, IReadOnlyList<PersistentRepresentation> events, long? highest, Exception? failure)
        : RuntimeMessage
    {
        public SelectedSnapshot? Snapshot { get; } = snapshot;
        public IReadOnlyList<PersistentRepresentation> Events { get; } = events;
        public long? Highest { get; } = highest;
        public Exception? Failure { get; } = failure;

        public override void Deliver(object actor)
        {
            if (actor == owner) owner.OnRecoveryStep(this);
        }
    }
}
