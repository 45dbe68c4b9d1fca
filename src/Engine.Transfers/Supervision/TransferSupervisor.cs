using Engine.Actors;
using Engine.Actors.Supervision;
using Engine.Transfers.Configuration;
using Engine.Transfers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Supervision;

/// <summary>
/// Parent of every transfer actor: assigns ids, spawns each transfer under a <see cref="BackoffSupervisor"/> (so a
/// journal failure restarts it and it recovers), admits at most <see cref="SupervisorOptions.MaxActiveTransfers"/>
/// at once in arrival order (the rest are <see cref="TransferPhase.Queued"/>), re-spawns the unfinished transfers found
/// in the journal at start, and publishes every status to the <see cref="TransferStatusFeed"/> and the
/// <see cref="TransferMetrics"/>. Kind-neutral: each kind plugs in through an <see cref="ITransferKindHandler"/>.
/// </summary>
internal sealed class TransferSupervisor(
    IReadOnlyDictionary<TransferKind, ITransferKindHandler> kinds,
    IReadOnlyList<TransferStatus> recovered,
    SupervisorOptions limits,
    BackoffSettings backoff,
    TransferStatusFeed feed,
    TransferMetrics metrics) : Actor<SupervisorCommand>
{
    private readonly Dictionary<string, TransferEntry> _entries = new(StringComparer.Ordinal);
    private readonly Queue<TransferEntry> _queue = new();
    private int _admitted;

    /// <summary>
    /// Props of a supervisor starting with the transfers <paramref name="recovered"/> from the journal, which the caller
    /// has published to <paramref name="feed"/> already (so they are known before the supervisor's first turn).
    /// </summary>
    public static Props<SupervisorCommand> Props(IReadOnlyDictionary<TransferKind, ITransferKindHandler> kinds,
        IReadOnlyList<TransferStatus> recovered, SupervisorOptions limits, BackoffSettings backoff, TransferStatusFeed feed, TransferMetrics metrics) =>
        // Unbounded: every transfer reports here, and a dropped TransferReady would strand its transfer. Its inflow is
        // bounded otherwise: starts by the facade's StartGate, notices by the live transfer actors, asks by their callers.
        Actors.Props.Create(() => new TransferSupervisor(kinds, recovered, limits, backoff, feed, metrics)).WithMailboxCapacity(int.MaxValue);

    // A transfer's backoff supervisor handles its failures; one that still escalates is stopped, never restarted blindly.
    protected override SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Stopping;

    protected override void PreStart()
    {
        foreach (var status in recovered)
        {
            var entry = new TransferEntry(status.Id, kinds[status.Kind]);
            _entries[status.Id] = entry;
            var runs = !status.Phase.IsFinished() && status.Phase != TransferPhase.Paused;
            // Until admitted it waits like any new transfer, and shows (and is counted) so.
            Publish(entry, runs ? status with { Phase = TransferPhase.Queued } : status);
            if (runs) Enqueue(entry);
        }
        AdmitWaiting();
    }

    protected override void Receive(SupervisorCommand message)
    {
        switch (message)
        {
            case StartTransfer start: OnStart(start); break;
            case QueryTransfer query: OnQuery(query); break;
            case PauseTransfer pause: OnPause(pause); break;
            case CancelTransfer cancel: Forward(cancel.Id, cancel.ReplyTo, () => new Cancel(cancel.ReplyTo)); break;
            case ResumeTransfer resume: OnResume(resume); break;
            case TransferReady ready: OnReady(ready.Status); break;
            case TransferUpdated updated: OnUpdated(updated.Status); break;
            case TransferTerminated terminated: OnTerminated(terminated); break;
        }
    }

    private void OnStart(StartTransfer start)
    {
        var kind = kinds[start.Kind];
        var entry = new TransferEntry(TransferIds.New(kind.IdPrefix, Context.System.TimeProvider), kind)
        {
            Order = start.Order,
            StartReply = start.ReplyTo,
        };
        _entries[entry.Id] = entry;
        // Spawned at once, also when queued, so the order is in the journal before the caller gets the id.
        EnsureActor(entry);
        Enqueue(entry);
        AdmitWaiting();
    }

    private void OnQuery(QueryTransfer query)
    {
        if (!TryFind(query.Id, out var entry)) return;
        // A running actor knows the live figures; a new one not yet ready answers once it has recorded its order.
        if (entry.Status is { } known && (known.Phase.IsFinished() || entry is not { Actor: not null, Ready: true })) query.ReplyTo.Tell(known);
        else EnsureActor(entry).Tell(new GetStatus(query.ReplyTo));
    }

    /// <summary>Hands a command to the transfer's actor (spawning it when none runs); a finished transfer just answers its status.</summary>
    private void Forward(string id, IActorRef<TransferStatus> replyTo, Func<TransferCommand> command)
    {
        if (!TryFind(id, out var entry)) return;
        if (entry.Status is { } status && status.Phase.IsFinished() && !entry.ResumePending) replyTo.Tell(status);
        else EnsureActor(entry).Tell(command());
    }

    private void OnPause(PauseTransfer pause)
    {
        if (TryFind(pause.Id, out var entry) && entry.ResumePending && !entry.Admitted)
        {
            // Paused again before it ran: it leaves the queue, and its actor reports the pause it still holds.
            entry.ResumePending = false;
            entry.Waiting = false;
        }
        Forward(pause.Id, pause.ReplyTo, () => new Pause(pause.ReplyTo));
    }

    private void OnResume(ResumeTransfer resume)
    {
        if (!TryFind(resume.Id, out var entry)) return;
        if (entry.Status is { Phase: TransferPhase.Paused or TransferPhase.Failed } status && !entry.ResumePending)
        {
            entry.ResumePending = true;
            Publish(entry, status with { Phase = TransferPhase.Queued });
            Enqueue(entry);
            AdmitWaiting();
        }
        if (entry.Status is { } current) resume.ReplyTo.Tell(current);
        else EnsureActor(entry).Tell(new GetStatus(resume.ReplyTo));
    }

    private void OnReady(TransferStatus status)
    {
        if (!_entries.TryGetValue(status.Id, out var entry)) return;
        entry.Ready = true;
        if (entry.Order is null) metrics.Recovered(status.Kind); // no order to record: it replayed its journal
        entry.Order = null;
        OnUpdated(status);
        entry.StartReply?.Tell(entry.Id);
        entry.StartReply = null;
        if (entry.Admitted) entry.Actor?.Tell(Admit.Instance);
    }

    private void OnUpdated(TransferStatus status)
    {
        if (!_entries.TryGetValue(status.Id, out var entry)) return;
        if (entry.ResumePending && status.Phase is TransferPhase.Paused or TransferPhase.Failed)
        {
            // Resumed by the user, not yet running again: the actor still reports the old phase; show it queued.
            Publish(entry, status with { Phase = TransferPhase.Queued });
            return;
        }
        entry.ResumePending = false;
        Publish(entry, status);
        if (status.Phase is TransferPhase.Paused || status.Phase.IsFinished())
        {
            entry.Waiting = false;
            Release(entry);
        }
    }

    private void OnTerminated(TransferTerminated terminated)
    {
        if (!_entries.TryGetValue(terminated.Id, out var entry) || !ReferenceEquals(entry.Actor, terminated.Ref)) return;
        entry.Actor = null;
        entry.Ready = false;
        if (!entry.Admitted) return;
        // Admitted but gone: it gave up restarting, or a resume reached it while it was stopping. Run it again.
        Release(entry);
        Enqueue(entry);
        AdmitWaiting();
    }

    private bool TryFind(string id, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out TransferEntry? entry)
    {
        if (_entries.TryGetValue(id, out entry)) return true;
        Log.LogWarning("A request named transfer {TransferId}, which this supervisor does not know; it is not answered", id);
        return false;
    }

    private void Publish(TransferEntry entry, TransferStatus status)
    {
        metrics.StatusChanged(entry.Status, status);
        entry.Status = status;
        feed.Publish(status);
    }

    private void Enqueue(TransferEntry entry)
    {
        if (entry.Waiting || entry.Admitted) return;
        entry.Waiting = true;
        _queue.Enqueue(entry);
    }

    private void Release(TransferEntry entry)
    {
        if (!entry.Admitted) return;
        entry.Admitted = false;
        _admitted--;
        AdmitWaiting();
    }

    private void AdmitWaiting()
    {
        while (_admitted < limits.MaxActiveTransfers && _queue.TryDequeue(out var entry))
        {
            if (!entry.Waiting) continue; // paused or cancelled while queued
            entry.Waiting = false;
            entry.Admitted = true;
            _admitted++;
            var actor = EnsureActor(entry);
            // A recovering actor is admitted when it reports ready.
            if (entry.Ready) actor.Tell(Admit.Instance);
        }
    }

    private IActorRef<TransferCommand> EnsureActor(TransferEntry entry)
    {
        if (entry.Actor is { } running) return running;
        var props = entry.Kind.Props(entry.Id, entry.Order, Self);
        var name = $"{entry.Id}.{++entry.Incarnations}";
        var actor = Context.ActorOf(BackoffSupervisor.Props(backoff.For(props, entry.Id)), name);
        Context.Watch(actor, new TransferTerminated(entry.Id, actor));
        entry.Actor = actor;
        entry.Ready = false;
        return actor;
    }
}
