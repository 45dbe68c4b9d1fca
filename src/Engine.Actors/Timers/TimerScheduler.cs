using Engine.Actors.Core;

namespace Engine.Actors.Timers;

/// <summary>
/// The timers of one actor. The dictionary is touched only on the actor's turn; the clock's callback merely
/// posts a <see cref="TimerFired"/> message, which is checked against the current generation when handled.
/// </summary>
internal sealed class TimerScheduler<TMessage>(ActorCell<TMessage> cell) : ITimerScheduler<TMessage>
{
    private readonly ActorCell<TMessage> _cell = cell;
    private readonly Dictionary<object, Entry> _timers = [];
    private int _generation;

    public void StartSingleTimer(object key, TMessage message, TimeSpan delay) =>
        Start(key, Message(message), delay, Timeout.InfiniteTimeSpan);

    public void StartPeriodicTimer(object key, TMessage message, TimeSpan interval) =>
        StartPeriodicTimer(key, message, interval, interval);

    public void StartPeriodicTimer(object key, TMessage message, TimeSpan initialDelay, TimeSpan interval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        Start(key, Message(message), initialDelay, interval);
    }

    /// <summary>Schedules a runtime message (used by the runtime's own actors, e.g. the backoff supervisor).</summary>
    internal void StartSingleTimer(object key, RuntimeMessage message, TimeSpan delay) =>
        Start(key, message, delay, Timeout.InfiniteTimeSpan);

    public bool IsTimerActive(object key) => _timers.ContainsKey(key);

    public void Cancel(object key)
    {
        if (_timers.Remove(key, out var entry)) entry.Timer.Dispose();
    }

    public void CancelAll()
    {
        foreach (var entry in _timers.Values) entry.Timer.Dispose();
        _timers.Clear();
    }

    private static object Message(TMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message;
    }

    private void Start(object key, object payload, TimeSpan delay, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Cancel(key);
        var fired = new TimerFired(this, key, ++_generation);
        var timer = _cell.System.TimeProvider.CreateTimer(static state => ((TimerFired)state!).Post(), fired, delay, period);
        _timers[key] = new Entry(timer, fired.Generation, payload, period != Timeout.InfiniteTimeSpan);
    }

    private void OnFired(TimerFired fired, Actor<TMessage> actor)
    {
        if (!_timers.TryGetValue(fired.Key, out var entry) || entry.Generation != fired.Generation) return; // cancelled or replaced
        if (!entry.Periodic)
        {
            _timers.Remove(fired.Key);
            entry.Timer.Dispose();
        }
        actor.AroundReceive(entry.Payload);
    }

    private sealed record Entry(ITimer Timer, int Generation, object Payload, bool Periodic);

    /// <summary>A timer's tick, queued by the clock's thread and checked on the actor's turn.</summary>
    private sealed class TimerFired(TimerScheduler<TMessage> owner, object key, int generation) : RuntimeMessage
    {
        public object Key { get; } = key;
        public int Generation { get; } = generation;

        public void Post() => owner._cell.Post(this, ownWork: false);

        public override void Deliver(object actor) => owner.OnFired(this, (Actor<TMessage>)actor);

        public override bool AcceptedWhenClosed => false;
    }
}
