using Engine.Actors;
using Engine.Actors.Supervision;
using Engine.Transfers.Clustering;
using Engine.Transfers.Configuration;
using Engine.Transfers.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Engine.Transfers.Supervision;

/// <summary>
/// Parent of every transfer actor: assigns ids, spawns each transfer under a <see cref="BackoffSupervisor"/> (so a
/// journal failure restarts it and it recovers), admits transfers in arrival order within
/// <see cref="SupervisorOptions.MaxActiveTransfers"/> and <see cref="SupervisorOptions.MaxBytesInFlight"/> (the rest are
/// <see cref="TransferPhase.Queued"/>, with the reason), passivates the actors of idle transfers (queued, paused) and
/// re-spawns them on demand, re-runs the unfinished transfers found in the journal at start, and publishes every status
/// to the <see cref="TransferStatusFeed"/> and the <see cref="TransferMetrics"/>. Kind-neutral: each kind plugs in
/// through an <see cref="ITransferKindHandler"/>. In cluster mode it runs only the transfers of the shards this node owns.
/// </summary>
/// <remarks>
/// This file: requests and notices. <c>TransferSupervisor.Admission.cs</c>: the queue and the limits.
/// <c>TransferSupervisor.Passivation.cs</c>: spawning, passivating and re-spawning actors.
/// <c>TransferSupervisor.Shards.cs</c>: cluster mode, starting and stopping shards.
/// </remarks>
internal sealed partial class TransferSupervisor : Actor<SupervisorCommand>
{
    private readonly IReadOnlyDictionary<TransferKind, ITransferKindHandler> _kinds;
    private readonly IReadOnlyList<TransferStatus> _recovered;
    private readonly BackoffSettings _backoff;
    private readonly TimeSpan _passivateWaitsOver;
    private readonly TransferStatusFeed _feed;
    private readonly TransferMetrics _metrics;
    private readonly Dictionary<string, TransferEntry> _entries = new(StringComparer.Ordinal);

    private TransferSupervisor(IReadOnlyDictionary<TransferKind, ITransferKindHandler> kinds, IReadOnlyList<TransferStatus> recovered,
        SupervisorOptions limits, BackoffSettings backoff, TransferStatusFeed feed, TransferMetrics metrics)
    {
        _kinds = kinds;
        _recovered = recovered;
        _budget = new AdmissionBudget(limits.MaxActiveTransfers, limits.MaxBytesInFlight);
        _backoff = backoff;
        _passivateWaitsOver = limits.PassivateWaitsOver;
        _feed = feed;
        _metrics = metrics;
    }

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

    protected override void PreStart() => Adopt(_recovered);

    /// <summary>Takes on transfers read from the journal: known at once, and queued to run unless finished or paused.</summary>
    private void Adopt(IEnumerable<TransferStatus> statuses)
    {
        var runnable = new List<(TransferEntry Entry, TransferStatus Status)>();
        foreach (var status in statuses)
        {
            var entry = new TransferEntry(status.Id, _kinds[status.Kind]);
            _entries[status.Id] = entry;
            if (status.Phase.IsFinished() || status.Phase == TransferPhase.Paused) Publish(entry, status);
            else runnable.Add((entry, status));
        }
        // Only the admitted ones get an actor (and recover); the rest wait without one.
        foreach (var (entry, _) in runnable) Enqueue(entry);
        AdmitWaiting();
        // Until admitted and running it waits like any new transfer, and shows (and is counted) so.
        foreach (var (entry, status) in runnable) Publish(entry, status with { Phase = TransferPhase.Queued });
    }

    protected override void Receive(SupervisorCommand message)
    {
        if (message is TransferRequest request && _entries.TryGetValue(request.Id, out var passivating) && passivating.Passivating)
        {
            Buffer(passivating, request);
            return;
        }
        switch (message)
        {
            case StartTransfer start: OnStart(start); break;
            case QueryTransfer query: OnQuery(query); break;
            case PauseTransfer pause: OnPause(pause); break;
            case CancelTransfer cancel: Forward(cancel.Id, cancel.ReplyTo, () => new Cancel(cancel.ReplyTo)); break;
            case ResumeTransfer resume: OnResume(resume); break;
            case TransferReady ready: OnReady(ready.Status); break;
            case TransferUpdated updated: OnUpdated(updated.Status); break;
            case TransferWaiting waiting: OnWaiting(waiting); break;
            case WaitOver over: OnWaitOver(over.Id); break;
            case TransferTerminated terminated: OnTerminated(terminated); break;
            case ShardMessage shard: OnShardMessage(shard); break;
        }
    }

    private void OnStart(StartTransfer start)
    {
        var kind = _kinds[start.Kind];
        var entry = new TransferEntry(start.Id ?? TransferIds.New(kind.IdPrefix, Context.System.TimeProvider), kind)
        {
            Order = start.Order,
            StartReply = start.ReplyTo,
        };
        _entries[entry.Id] = entry;
        // Spawned at once, also when queued, so the order is in the journal before the caller gets the id; a queued
        // one is passivated as soon as it has recorded it.
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
            Enqueue(entry);
            AdmitWaiting();
            Publish(entry, status with { Phase = TransferPhase.Queued });
        }
        if (entry.Status is { } current) resume.ReplyTo.Tell(current);
        else EnsureActor(entry).Tell(new GetStatus(resume.ReplyTo));
    }

    private void OnReady(TransferStatus status)
    {
        if (!_entries.TryGetValue(status.Id, out var entry)) return;
        entry.Ready = true;
        if (entry.Order is null) _metrics.Recovered(status.Kind); // no order to record: it replayed its journal
        entry.Order = null;
        OnUpdated(status);
        entry.StartReply?.Tell(entry.Id);
        entry.StartReply = null;
        if (entry.Admitted && MayRun(entry)) entry.Actor?.Tell(Admit.Instance);
    }

    private void OnUpdated(TransferStatus status)
    {
        if (!_entries.TryGetValue(status.Id, out var entry)) return;
        if (entry.ResumePending && status.Phase is TransferPhase.Paused or TransferPhase.Failed)
        {
            // Resumed by the user, not yet running again: the actor still reports the old phase; show it queued.
            Publish(entry, status with { Phase = TransferPhase.Queued });
        }
        else
        {
            entry.ResumePending = false;
            Publish(entry, status);
            if (status.Phase is TransferPhase.Paused || status.Phase.IsFinished())
            {
                entry.Waiting = false;
                StopWaiting(entry);
                Release(entry);
            }
        }
        PassivateIfIdle(entry);
    }

    private void OnTerminated(TransferTerminated terminated)
    {
        if (!_entries.TryGetValue(terminated.Id, out var entry) || !ReferenceEquals(entry.Actor, terminated.Ref)) return;
        entry.Actor = null;
        entry.Ready = false;
        _metrics.ActorsChanged(-1);
        if (entry.Passivating)
        {
            OnPassivated(entry);
            return;
        }
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

    /// <summary>Records and publishes <paramref name="status"/>; a transfer waiting for admission shows why.</summary>
    private void Publish(TransferEntry entry, TransferStatus status)
    {
        if (status.Phase == TransferPhase.Queued && entry.Waiting) status = status with { QueuedReason = WhyWaiting(entry) };
        _metrics.StatusChanged(entry.Status, status);
        entry.Status = status;
        _feed.Publish(status);
    }
}
