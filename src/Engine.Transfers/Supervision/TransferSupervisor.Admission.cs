namespace Engine.Transfers.Supervision;

/// <summary>This file: the admission queue and the limits it waits for.</summary>
internal sealed partial class TransferSupervisor
{
    private readonly Queue<TransferEntry> _queue = new();
    private readonly Queue<TransferEntry> _returning = new();
    private readonly AdmissionBudget _budget;

    /// <summary>Queues the transfer for admission; <paramref name="returning"/>: it was running before a long wait, so it goes ahead of the queue.</summary>
    private void Enqueue(TransferEntry entry, bool returning = false)
    {
        if (entry.Waiting || entry.Admitted) return;
        entry.Waiting = true;
        (returning ? _returning : _queue).Enqueue(entry);
    }

    /// <summary>The transfer gives its slot and buffer bytes back (paused, finished, or gone); the queue moves on.</summary>
    private void Release(TransferEntry entry)
    {
        if (!entry.Admitted) return;
        entry.Admitted = false;
        _budget.Give(entry.Kind.BufferBytes);
        AdmitWaiting();
    }

    /// <summary>
    /// Admits waiting transfers in arrival order while both limits allow. Strictly in order: a download needing more
    /// buffer bytes than are free holds the queue rather than being overtaken by smaller transfers for ever.
    /// </summary>
    private void AdmitWaiting()
    {
        while ((_returning.Count > 0 ? _returning : _queue) is var queue && queue.TryPeek(out var entry))
        {
            if (!entry.Waiting)
            {
                queue.Dequeue(); // paused or cancelled while queued
                continue;
            }
            if (_budget.Blocker(entry.Kind.BufferBytes) is not null) break;
            queue.Dequeue();
            entry.Waiting = false;
            entry.Admitted = true;
            _budget.Take(entry.Kind.BufferBytes);
            if (entry.Status is { QueuedReason: not null } queued) Publish(entry, queued with { QueuedReason = null });
            if (entry.Passivating) continue; // its next incarnation is spawned once this one has stopped
            var actor = EnsureActor(entry);
            // A recovering actor is admitted when it reports ready.
            if (entry.Ready && MayRun(entry)) actor.Tell(Admit.Instance);
        }
        _metrics.BufferReserved(_budget.Bytes);
    }

    /// <summary>Why <paramref name="entry"/> still waits: the limit it would exceed now, or the earlier transfers ahead of it.</summary>
    private string WhyWaiting(TransferEntry entry) =>
        _budget.Blocker(entry.Kind.BufferBytes) ?? "waiting behind earlier transfers in the admission queue";
}
