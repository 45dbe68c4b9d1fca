using Engine.Actors.Persistence;

namespace Engine.Actors.Tests.Persistence;

// Commands
public sealed record Add(int Amount);
public sealed record AddAll(params object[] Events);
public sealed record GetTotal;

// Events
public sealed record Added(int Amount);
public sealed record Marker(string Name);

// What the actor reports to the probe
public sealed record Recovered(int Total, long SequenceNr);
public sealed record Offered(object Snapshot, long SequenceNr);
public sealed record Applied(object Event, long SequenceNr);
public sealed record Total(int Value, long SequenceNr);
public sealed record Rejected(object Event, long SequenceNr);
public sealed record PersistFailed(object Event, long SequenceNr);
public sealed record RecoveryFailure(Exception Cause);
public sealed record SnapshotTaken(long SequenceNr);
public sealed record EventsDeleted(long ToSequenceNr);

/// <summary>A persistent counter that reports every step of its life to a probe.</summary>
public sealed class CounterActor(string persistenceId, IActorRef<object> probe, int snapshotEvery = 0) : PersistentActor<object>
{
    private int _total;

    public override string PersistenceId => persistenceId;

    protected override int SnapshotEvery => snapshotEvery;

    protected override object? CreateSnapshot() => _total;

    protected override void ReceiveRecover(object message)
    {
        switch (message)
        {
            case SnapshotOffer offer:
                _total = (int)offer.Snapshot;
                probe.Tell(new Offered(offer.Snapshot, offer.Metadata.SequenceNr));
                break;
            case Added added:
                _total += added.Amount;
                break;
            case RecoveryCompleted:
                probe.Tell(new Recovered(_total, LastSequenceNr));
                break;
        }
    }

    protected override void ReceiveCommand(object command)
    {
        switch (command)
        {
            case Add add:
                Persist(new Added(add.Amount), Apply);
                break;
            case AddAll all:
                PersistAll(all.Events, Apply);
                break;
            case GetTotal:
                probe.Tell(new Total(_total, LastSequenceNr));
                break;
        }
    }

    private void Apply(object @event)
    {
        if (@event is Added added) _total += added.Amount;
        probe.Tell(new Applied(@event, LastSequenceNr));
    }

    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        probe.Tell(new Rejected(@event, sequenceNr));
        base.OnPersistRejected(cause, @event, sequenceNr);
    }

    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        probe.Tell(new PersistFailed(@event, sequenceNr));
        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    protected override void OnRecoveryFailure(Exception cause, object? @event)
    {
        probe.Tell(new RecoveryFailure(cause));
        base.OnRecoveryFailure(cause, @event);
    }

    protected override void OnSnapshotSaved(SnapshotMetadata metadata) => probe.Tell(new SnapshotTaken(metadata.SequenceNr));

    protected override void OnMessagesDeleted(long toSequenceNr) => probe.Tell(new EventsDeleted(toSequenceNr));
}
