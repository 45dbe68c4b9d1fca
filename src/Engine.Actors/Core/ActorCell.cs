namespace Engine.Actors.Core;

/// <summary>
/// What cells of any message type know about each other: identity, hierarchy, system messages and death watch.
/// The typed part (mailbox, instance, run loop) is <see cref="ActorCell{TMessage}"/>.
/// </summary>
internal abstract class ActorCell(ActorSystem system, ActorCell? parent, string name) : IActorRef
{
    private List<IDeathWatcher>? _watchers;
    private bool _watchersNotified;
    private Exception? _terminationFailure;

    public ActorSystem System { get; } = system;

    public ActorCell? ParentCell { get; } = parent;

    public string Name { get; } = name;

    // Built on demand: storing it would cost every idle actor a string.
    public string Path => ParentCell is null ? "/" + Name : ParentCell.Path + "/" + Name;

    /// <summary>Lock for this cell's queues, children and watchers.</summary>
    protected abstract object Gate { get; }

    /// <summary>Queues a system message; dropped silently once the cell has terminated (nothing is left to act on).</summary>
    public abstract void SendSystem(SystemMessage message);

    /// <summary>Forgets a terminated child, freeing its name (idempotent).</summary>
    public abstract void RemoveChild(ActorCell child);

    /// <summary>Registers <paramref name="watcher"/>; when the cell is already gone, it is told at once.</summary>
    public void AddWatcher(IDeathWatcher watcher)
    {
        lock (Gate)
        {
            if (!_watchersNotified)
            {
                (_watchers ??= []).Add(watcher);
                return;
            }
        }
        watcher.OnWatchedTerminated(this, _terminationFailure);
    }

    public void RemoveWatcher(IDeathWatcher watcher)
    {
        lock (Gate) _watchers?.Remove(watcher);
    }

    /// <summary>Tells every watcher, once, that this cell has terminated.</summary>
    protected void NotifyWatchers(Exception? failure)
    {
        List<IDeathWatcher>? watchers;
        lock (Gate)
        {
            _terminationFailure = failure;
            _watchersNotified = true;
            watchers = _watchers;
            _watchers = null;
        }
        if (watchers is null) return;
        foreach (var watcher in watchers) watcher.OnWatchedTerminated(this, failure);
    }

    public override string ToString() => Path;
}

/// <summary>Something told when a watched cell terminates.</summary>
internal interface IDeathWatcher
{
    void OnWatchedTerminated(ActorCell target, Exception? failure);
}
