using Engine.Actors;
using Engine.Actors.Supervision;

namespace Engine.Transfers.Supervision;

/// <summary>
/// This file: a transfer's actor exists only while it has work. A queued or paused transfer's state is in the journal,
/// so its actor is stopped (passivated) and spawned again on demand: on admission, or for a command only an actor can
/// carry out (pause, cancel). So is one facing a long wait whose end its journal records (a download's next poll): it
/// also gives its admission slot back, and is admitted again, ahead of the queue, when the wait is over. As with Akka's
/// <c>Passivate</c>, the actor drains what it was already sent before it stops, and requests arriving meanwhile are
/// buffered here and handled again once it has stopped, so none is lost.
/// </summary>
internal sealed partial class TransferSupervisor
{
    private IActorRef<TransferCommand> EnsureActor(TransferEntry entry)
    {
        if (entry.Actor is { } running) return running;
        var props = entry.Kind.Props(entry.Id, entry.Order, Self);
        var name = $"{entry.Id}.{++entry.Incarnations}";
        var actor = Context.ActorOf(BackoffSupervisor.Props(_backoff.For(props, entry.Id)), name);
        Context.Watch(actor, new TransferTerminated(entry.Id, actor));
        entry.Actor = actor;
        entry.Ready = false;
        _metrics.ActorsChanged(1);
        return actor;
    }

    /// <summary>Stops the actor of a transfer that has nothing to do: not admitted, and finished or recorded (ready).</summary>
    private void PassivateIfIdle(TransferEntry entry)
    {
        if (entry is not { Actor: { } actor, Admitted: false, Passivating: false, Status: { } status }) return;
        // A new or recovering actor first records its order or reports ready; a finished one has nothing left to do.
        if (!entry.Ready && !status.Phase.IsFinished()) return;
        entry.Passivating = true;
        // Graceful: it handles what is already in its mailbox (e.g. a pause being recorded) and any journal write, then
        // stops; TransferTerminated follows.
        _ = Context.System.GracefulStopAsync(actor);
    }

    /// <summary>A running transfer waits for a recorded time: a long wait is spent without actor or slot.</summary>
    private void OnWaiting(TransferWaiting waiting)
    {
        OnUpdated(waiting.Status);
        if (!_entries.TryGetValue(waiting.Status.Id, out var entry) || !entry.Admitted) return;
        var wait = waiting.Until - Context.System.TimeProvider.GetUtcNow();
        if (wait < _passivateWaitsOver) return;
        entry.WaitingUntil = waiting.Until;
        Release(entry);
        PassivateIfIdle(entry);
        Timers.StartSingleTimer(entry.Id, new WaitOver(entry.Id), wait);
    }

    private void OnWaitOver(string id)
    {
        if (!_entries.TryGetValue(id, out var entry) || entry.WaitingUntil is null) return;
        entry.WaitingUntil = null;
        Enqueue(entry, returning: true);
        AdmitWaiting();
    }

    /// <summary>The transfer paused or finished during its wait: it is not to be admitted when the wait ends.</summary>
    private void StopWaiting(TransferEntry entry)
    {
        if (entry.WaitingUntil is null) return;
        entry.WaitingUntil = null;
        Timers.Cancel(entry.Id);
    }

    private static void Buffer(TransferEntry entry, TransferRequest request) => (entry.Buffered ??= []).Add(request);

    /// <summary>The passivated actor has stopped: spawn the next incarnation if it was admitted meanwhile, then handle the buffered requests.</summary>
    private void OnPassivated(TransferEntry entry)
    {
        entry.Passivating = false;
        if (entry.Admitted) EnsureActor(entry);
        if (entry.Buffered is not { } buffered) return;
        entry.Buffered = null;
        foreach (var request in buffered) Receive(request);
    }
}
