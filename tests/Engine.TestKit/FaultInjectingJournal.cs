using Engine.Actors.Persistence;

namespace Engine.TestKit;

/// <summary>
/// Wraps any <see cref="IJournal"/> and injects faults into chosen calls (the role of Akka.Persistence.TestKit):
/// writes can <i>fail</i> (the task faults: unknown outcome), be <i>rejected</i> (not stored, reported per write) or
/// be delayed; recoveries (replays) can fail or be delayed. A rule selects calls by persistence id and/or event
/// type and applies to the next N matching calls, or to all of them.
/// </summary>
public sealed class FaultInjectingJournal(IJournal inner, TimeProvider? timeProvider = null) : IJournal
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly List<Rule> _rules = [];
    private int _replaysInFlight;
    private int _peakReplaysInFlight;

    /// <summary>The journal being wrapped.</summary>
    public IJournal Inner => inner;

    /// <summary>Replays running right now (to observe a recovery limit).</summary>
    public int ReplaysInFlight => Volatile.Read(ref _replaysInFlight);

    /// <summary>Most replays ever running at the same time.</summary>
    public int PeakReplaysInFlight => Volatile.Read(ref _peakReplaysInFlight);

    /// <summary>Matching write calls fault (nothing of the call is stored), <paramref name="times"/> times or always (<c>null</c>).</summary>
    public void FailWrites(FaultSelector selector, int? times = null) => Add(new Rule(Kind.FailWrite, selector, times, TimeSpan.Zero));

    /// <summary>Matching atomic writes are rejected (not stored; the other writes of the call are).</summary>
    public void RejectWrites(FaultSelector selector, int? times = null) => Add(new Rule(Kind.RejectWrite, selector, times, TimeSpan.Zero));

    /// <summary>Matching write calls wait <paramref name="delay"/> on the journal's clock before going through.</summary>
    public void DelayWrites(FaultSelector selector, TimeSpan delay, int? times = null) => Add(new Rule(Kind.DelayWrite, selector, times, delay));

    /// <summary>Matching replays fault (for an event-type selector: when such an event is replayed).</summary>
    public void FailRecoveries(FaultSelector selector, int? times = null) => Add(new Rule(Kind.FailRecovery, selector, times, TimeSpan.Zero));

    /// <summary>Replays of the selector's persistence id (its event type is not considered) wait <paramref name="delay"/> on the journal's clock before starting.</summary>
    public void DelayRecoveries(FaultSelector selector, TimeSpan delay, int? times = null) => Add(new Rule(Kind.DelayRecovery, selector, times, delay));

    /// <summary>Removes every rule.</summary>
    public void ClearFaults()
    {
        lock (_rules) _rules.Clear();
    }

    public async Task<IReadOnlyList<Exception?>> WriteMessagesAsync(IReadOnlyList<AtomicWrite> writes, CancellationToken cancellationToken = default)
    {
        if (Take(Kind.DelayWrite, writes) is { } delay) await Task.Delay(delay.Delay, _time, cancellationToken).ConfigureAwait(false);
        if (Take(Kind.FailWrite, writes) is not null)
            throw new InjectedJournalException($"Injected write failure for {string.Join(", ", writes.Select(w => $"'{w.PersistenceId}' #{w.LowestSequenceNr}"))}.");
        var results = new Exception?[writes.Count];
        var passed = new List<int>();
        for (var i = 0; i < writes.Count; i++)
        {
            if (Take(Kind.RejectWrite, [writes[i]]) is not null)
                results[i] = new InjectedJournalException($"Injected rejection of '{writes[i].PersistenceId}' #{writes[i].LowestSequenceNr}.");
            else passed.Add(i);
        }
        if (passed.Count > 0)
        {
            var innerResults = await inner.WriteMessagesAsync([.. passed.Select(i => writes[i])], cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < passed.Count; k++) results[passed[k]] = innerResults[k];
        }
        return results;
    }

    public async Task ReplayMessagesAsync(string persistenceId, long fromSequenceNr, long toSequenceNr, long max,
        Action<PersistentRepresentation> onReplayed, CancellationToken cancellationToken = default)
    {
        var running = Interlocked.Increment(ref _replaysInFlight);
        InterlockedMax(ref _peakReplaysInFlight, running);
        try
        {
            if (TakeForId(Kind.DelayRecovery, persistenceId) is { } delay) await Task.Delay(delay.Delay, _time, cancellationToken).ConfigureAwait(false);
            if (TakeForId(Kind.FailRecovery, persistenceId, anyEventType: false) is not null)
                throw new InjectedJournalException($"Injected recovery failure for '{persistenceId}'.");
            await inner.ReplayMessagesAsync(persistenceId, fromSequenceNr, toSequenceNr, max, e =>
            {
                if (Take(Kind.FailRecovery, e) is not null)
                    throw new InjectedJournalException($"Injected recovery failure for '{persistenceId}' at #{e.SequenceNr} ({e.Payload.GetType().Name}).");
                onReplayed(e);
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _replaysInFlight);
        }
    }

    public Task<long> ReadHighestSequenceNrAsync(string persistenceId, long fromSequenceNr, CancellationToken cancellationToken = default) =>
        inner.ReadHighestSequenceNrAsync(persistenceId, fromSequenceNr, cancellationToken);

    public Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken = default) =>
        inner.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);

    public IAsyncEnumerable<string> CurrentPersistenceIdsAsync(CancellationToken cancellationToken = default) =>
        inner.CurrentPersistenceIdsAsync(cancellationToken);

    private void Add(Rule rule)
    {
        if (rule.Remaining is < 1) throw new ArgumentOutOfRangeException(nameof(rule), "A fault applies at least once; pass null for always.");
        lock (_rules) _rules.Add(rule);
    }

    private Rule? Take(Kind kind, IReadOnlyList<AtomicWrite> writes) =>
        Take(kind, rule => writes.Any(w => w.Events.Any(rule.Selector.Matches)));

    private Rule? Take(Kind kind, PersistentRepresentation @event) =>
        Take(kind, rule => rule.Selector.EventType is not null && rule.Selector.Matches(@event));

    /// <summary>A replay-level rule: matches the id; <paramref name="anyEventType"/> false leaves event-type rules to the per-event check.</summary>
    private Rule? TakeForId(Kind kind, string persistenceId, bool anyEventType = true) =>
        Take(kind, rule => rule.Selector.MatchesId(persistenceId) && (anyEventType || rule.Selector.EventType is null));

    /// <summary>Finds the first live rule of <paramref name="kind"/> that matches and counts one use of it.</summary>
    private Rule? Take(Kind kind, Func<Rule, bool> matches)
    {
        lock (_rules)
        {
            var rule = _rules.FirstOrDefault(r => r.Kind == kind && matches(r));
            if (rule is null) return null;
            if (rule.Remaining is { } remaining)
            {
                rule.Remaining = remaining - 1;
                if (rule.Remaining == 0) _rules.Remove(rule);
            }
            return rule;
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current) { }
    }

    private enum Kind { FailWrite, RejectWrite, DelayWrite, FailRecovery, DelayRecovery }

    private sealed class Rule(Kind kind, FaultSelector selector, int? times, TimeSpan delay)
    {
        public Kind Kind { get; } = kind;
        public FaultSelector Selector { get; } = selector ?? throw new ArgumentNullException(nameof(selector));
        public TimeSpan Delay { get; } = delay;
        public int? Remaining { get; set; } = times;
    }
}

/// <summary>Which journal calls a fault applies to: a persistence id, an event type, both, or (<see cref="Any"/>) all.</summary>
public sealed record FaultSelector(string? PersistenceId = null, Type? EventType = null)
{
    /// <summary>Every call.</summary>
    public static FaultSelector Any { get; } = new();

    /// <summary>Calls for <paramref name="persistenceId"/>.</summary>
    public static FaultSelector ForPersistenceId(string persistenceId) => new(persistenceId);

    /// <summary>Calls carrying an event of type <typeparamref name="TEvent"/> (or derived).</summary>
    public static FaultSelector ForEventType<TEvent>() => new(EventType: typeof(TEvent));

    internal bool MatchesId(string persistenceId) => PersistenceId is null || PersistenceId == persistenceId;

    internal bool Matches(PersistentRepresentation @event) =>
        MatchesId(@event.PersistenceId) && (EventType is null || EventType.IsInstanceOfType(@event.Payload));
}

/// <summary>A fault injected by <see cref="FaultInjectingJournal"/>.</summary>
public sealed class InjectedJournalException(string message) : Exception(message);
