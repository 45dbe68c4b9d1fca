using Engine.Actors.Core;
using Engine.Actors.Supervision;
using Engine.Actors.Timers;
using Microsoft.Extensions.Logging;

namespace Engine.Actors;

/// <summary>
/// An actor taking messages of type <typeparamref name="TMessage"/> (Akka's <c>UntypedActor</c> with a typed
/// mailbox). The runtime calls <see cref="Receive"/> with one message at a time, on a pool thread, so the actor's
/// fields need no locks. Create actors through <see cref="Props.Create{TMessage}"/> and <c>ActorOf</c>, never with
/// <c>new</c> alone. Long work does not belong in <see cref="Receive"/>: start it as a task and
/// <see cref="IActorContext{TMessage}.PipeToSelf{TResult}"/> its outcome.
/// </summary>
public abstract class Actor<TMessage>
{
    private readonly ActorCell<TMessage> _cell;
    private ILogger? _log;

    /// <summary>Binds the instance to the cell that is creating it (Akka does the same through a thread-local).</summary>
    protected Actor()
    {
        _cell = ActorCell<TMessage>.UnderConstruction
            ?? throw new InvalidOperationException(
                $"{GetType().Name} was created with 'new'. Actors are created by the runtime: pass Props.Create(() => new {GetType().Name}(...)) to ActorOf.");
    }

    /// <summary>Spawning, stopping, watching, stashing, timers, piping.</summary>
    protected IActorContext<TMessage> Context => _cell;

    /// <summary>This actor's reference.</summary>
    protected IActorRef<TMessage> Self => _cell;

    /// <summary>This actor's timers; shorthand for <c>Context.Timers</c>.</summary>
    protected ITimerScheduler<TMessage> Timers => _cell.Timers;

    /// <summary>A logger named after the actor's type.</summary>
    protected ILogger Log => _log ??= _cell.System.LoggerFactory.CreateLogger(GetType());

    /// <summary>Handles one message. An exception thrown here goes to the parent's supervisor strategy.</summary>
    protected abstract void Receive(TMessage message);

    /// <summary>
    /// How this actor supervises its children: asked per exception a child throws. Default:
    /// <see cref="Supervision.SupervisorStrategy.Default"/>.
    /// </summary>
    protected internal virtual SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Default;

    /// <summary>Runs before the first message, in the new instance (also after a restart, through <see cref="PostRestart"/>).</summary>
    protected internal virtual void PreStart() { }

    /// <summary>Runs once the actor and all its children have stopped.</summary>
    protected internal virtual void PostStop() { }

    /// <summary>
    /// Runs in the failed instance before it is replaced. Default (Akka's): stop every child, then <see cref="PostStop"/>;
    /// the new instance starts once those children are gone.
    /// </summary>
    protected internal virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in _cell.Children) _cell.Stop(child);
        PostStop();
    }

    /// <summary>Runs in the new instance after a restart. Default (Akka's): <see cref="PreStart"/>.</summary>
    protected internal virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>The runtime's entry point for a message: user messages go to <see cref="Receive"/>, runtime messages to their handler.</summary>
    internal virtual void AroundReceive(object message)
    {
        if (message is RuntimeMessage runtime) runtime.Deliver(this);
        else Receive((TMessage)message);
    }

    /// <summary>Starts the instance; persistent actors begin recovery here.</summary>
    internal virtual void AroundPreStart() => PreStart();

    /// <summary>Restarts the instance; persistent actors begin recovery again here.</summary>
    internal virtual void AroundPostRestart(Exception reason) => PostRestart(reason);

    /// <summary>Releases what the instance holds outside the cell (e.g. a recovery permit) when it stops or is replaced.</summary>
    internal virtual void ReleaseResources() { }

    /// <summary>True while the instance waits for work it started (a journal write): a graceful stop waits for it.</summary>
    internal virtual bool HasPendingWork => false;

    /// <summary>A child terminated; <paramref name="failure"/> is why, or <c>null</c> when it stopped normally.</summary>
    internal virtual void OnChildTerminated(IActorRef child, Exception? failure) { }

    internal ActorCell<TMessage> Cell => _cell;
}
