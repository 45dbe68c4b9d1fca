using Engine.Actors.Timers;

namespace Engine.Actors.Core;

/// <summary>This file: the <see cref="IActorContext{TMessage}"/> an actor works with (children, watch, stash, piping, timers).</summary>
internal sealed partial class ActorCell<TMessage> : IActorContext<TMessage>, IDeathWatcher
{
    private Dictionary<string, ActorCell>? _children;
    private Dictionary<ActorCell, TMessage>? _watching;
    private List<object>? _stash;
    private List<object>? _internalStash;
    private TimerScheduler<TMessage>? _timers;

    public IActorRef<TMessage> Self => this;

    public IActorRef Parent => (IActorRef?)ParentCell ?? this;

    public IReadOnlyCollection<IActorRef> Children => ChildCells();

    public ITimerScheduler<TMessage> Timers => Scheduler;

    internal TimerScheduler<TMessage> Scheduler => _timers ??= new TimerScheduler<TMessage>(this);

    public IActorRef<TChild> ActorOf<TChild>(Props<TChild> props, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(props);
        if (name is null) name = System.NextAutoName();
        else ActorNames.Validate(name, Path);
        var child = new ActorCell<TChild>(System, this, name, props);
        lock (Gate)
        {
            if (_terminating)
                throw new InvalidOperationException($"Cannot create child '{name}' of {Path}: that actor is stopping.");
            _children ??= new Dictionary<string, ActorCell>(StringComparer.Ordinal);
            if (!_children.TryAdd(name, child))
                throw new InvalidActorNameException($"Cannot create child '{name}' of {Path}: a living child already has that name. Pick another name or wait until the old child has terminated.");
        }
        child.SendSystem(CreateActor.Instance);
        return child;
    }

    public IActorRef<TChild>? Child<TChild>(string name)
    {
        lock (Gate) return _children is not null && _children.TryGetValue(name, out var child) ? child as IActorRef<TChild> : null;
    }

    public void Stop(IActorRef actor)
    {
        var cell = AsCell(actor);
        if (cell != this && cell.ParentCell != this)
            throw new InvalidOperationException($"{Path} can stop only itself and its children, not {cell.Path}; send that actor's parent a message instead.");
        cell.SendSystem(StopActor.Now);
    }

    public void Watch(IActorRef actor, TMessage onTerminated)
    {
        ArgumentNullException.ThrowIfNull(onTerminated);
        var target = AsCell(actor);
        (_watching ??= []).Add(target, onTerminated);
        target.AddWatcher(this);
    }

    public void Unwatch(IActorRef actor)
    {
        var target = AsCell(actor);
        if (_watching?.Remove(target) == true) target.RemoveWatcher(this);
    }

    void IDeathWatcher.OnWatchedTerminated(ActorCell target, Exception? failure) => SendSystem(new WatchedTerminated(target));

    private void DeliverWatchedTermination(ActorCell target)
    {
        if (_watching is not null && _watching.Remove(target, out var message)) Post(message!, ownWork: true);
    }

    private void UnwatchAll()
    {
        if (_watching is null) return;
        foreach (var target in _watching.Keys) target.RemoveWatcher(this);
        _watching = null;
    }

    public void Stash() => StashCurrent(ref _stash);

    public void UnstashAll() => Unstash(ref _stash);

    /// <summary>The persistence machinery's own stash, apart from the user's, so unstashing one never releases the other's messages.</summary>
    internal void StashInternal() => StashCurrent(ref _internalStash);

    /// <summary>
    /// Returns the oldest internally stashed message to the front of the mailbox. One at a time (as Akka does): if
    /// it persists, the others stay stashed instead of being taken out and stashed again, which would cost
    /// quadratic work when many commands wait.
    /// </summary>
    internal void UnstashOneInternal()
    {
        if (_internalStash is null) return;
        var message = _internalStash[0];
        _internalStash.RemoveAt(0);
        if (_internalStash.Count == 0) _internalStash = null;
        lock (Gate) _mailbox.AddFirst(message);
    }

    /// <summary>Both stashes back into the mailbox (restart, termination): the user's oldest messages first.</summary>
    private void UnstashEverything()
    {
        Unstash(ref _internalStash);
        Unstash(ref _stash);
    }

    private void StashCurrent(ref List<object>? stash)
    {
        var message = _currentMessage
            ?? throw new InvalidOperationException($"{Path} called Stash outside of handling a message.");
        (stash ??= []).Add(message);
    }

    private void Unstash(ref List<object>? stash)
    {
        if (stash is null) return;
        lock (Gate)
        {
            for (var i = stash.Count - 1; i >= 0; i--) _mailbox.AddFirst(stash[i]);
        }
        stash = null;
    }

    public void PipeToSelf<TResult>(Task<TResult> task, Func<TResult, TMessage> onSuccess, Func<Exception, TMessage> onFailure) =>
        TaskOutcome.Deliver(task, onSuccess, onFailure, m => Post(m!, ownWork: true), ex => Post(new FailureMessage(ex), ownWork: true));

    public void PipeToSelf(Task task, Func<TMessage> onSuccess, Func<Exception, TMessage> onFailure) =>
        TaskOutcome.Deliver(task, onSuccess, onFailure, m => Post(m!, ownWork: true), ex => Post(new FailureMessage(ex), ownWork: true));

    private static ActorCell AsCell(IActorRef actor) =>
        actor as ActorCell ?? throw new ArgumentException($"'{actor?.Path}' is not an actor of this runtime (a probe or an ask reply cannot be watched or stopped).", nameof(actor));

    private List<ActorCell> ChildCells()
    {
        lock (Gate) return _children is null ? [] : [.. _children.Values];
    }

    private int ChildCount
    {
        get { lock (Gate) return _children?.Count ?? 0; }
    }

    private bool HasChild(ActorCell child)
    {
        lock (Gate) return _children is not null && _children.TryGetValue(child.Name, out var found) && found == child;
    }

    public override void RemoveChild(ActorCell child)
    {
        lock (Gate)
        {
            // By identity: a new child may already have taken the name of the terminated one.
            if (_children is null || !_children.TryGetValue(child.Name, out var current) || current != child) return;
            _children.Remove(child.Name);
            if (_children.Count == 0) _children = null;
        }
    }
}
