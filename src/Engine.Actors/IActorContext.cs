using Engine.Actors.Timers;

namespace Engine.Actors;

/// <summary>
/// What an actor may do besides handling its message (Akka's <c>IActorContext</c>). Use it only from the actor's own
/// handlers: it is not thread-safe, because an actor runs one message at a time.
/// </summary>
/// <typeparam name="TMessage">The messages the actor takes.</typeparam>
public interface IActorContext<TMessage>
{
    /// <summary>This actor.</summary>
    IActorRef<TMessage> Self { get; }

    /// <summary>The actor that created and supervises this one (the system guardian for top-level actors).</summary>
    IActorRef Parent { get; }

    /// <summary>The system this actor runs in.</summary>
    ActorSystem System { get; }

    /// <summary>The children that have not terminated yet.</summary>
    IReadOnlyCollection<IActorRef> Children { get; }

    /// <summary>
    /// Creates a child supervised by this actor (see <see cref="Actor{TMessage}.SupervisorStrategy"/>).
    /// </summary>
    /// <param name="props">How to create the child.</param>
    /// <param name="name">Unique among living siblings; <c>null</c> picks one. No <c>/</c>.</param>
    /// <exception cref="InvalidActorNameException">The name is taken or malformed.</exception>
    IActorRef<TChild> ActorOf<TChild>(Props<TChild> props, string? name = null);

    /// <summary>The living child called <paramref name="name"/> that takes <typeparamref name="TChild"/>, or <c>null</c>.</summary>
    IActorRef<TChild>? Child<TChild>(string name);

    /// <summary>
    /// Stops this actor or one of its children (Akka's <c>Context.Stop</c>): the current message finishes, the
    /// rest of its mailbox becomes dead letters, its children stop first, then <c>PostStop</c> runs.
    /// </summary>
    void Stop(IActorRef actor);

    /// <summary>
    /// Watches <paramref name="actor"/> (Akka's <c>WatchWith</c>): when it terminates, for whatever reason,
    /// <paramref name="onTerminated"/> arrives in this actor's mailbox. Watching an actor that is already gone
    /// delivers at once. Watching again replaces the message.
    /// </summary>
    void Watch(IActorRef actor, TMessage onTerminated);

    /// <summary>Stops watching <paramref name="actor"/>; its termination message is not delivered any more.</summary>
    void Unwatch(IActorRef actor);

    /// <summary>
    /// Sets the message being handled aside (Akka's <c>Stash</c>); <see cref="UnstashAll"/> puts every stashed
    /// message back at the front of the mailbox, in order.
    /// </summary>
    void Stash();

    /// <summary>Returns every stashed message to the front of the mailbox, oldest first.</summary>
    void UnstashAll();

    /// <summary>
    /// Runs nothing: when <paramref name="task"/> completes, its outcome arrives in this actor's mailbox as the
    /// message made by <paramref name="onSuccess"/> or <paramref name="onFailure"/> (Akka.Typed's <c>PipeToSelf</c>).
    /// The actor keeps handling messages meanwhile. The mapping functions run on the completing thread: they must
    /// only build the message, never touch the actor's state. The outcome bypasses the mailbox bound.
    /// </summary>
    void PipeToSelf<TResult>(Task<TResult> task, Func<TResult, TMessage> onSuccess, Func<Exception, TMessage> onFailure);

    /// <summary>As <see cref="PipeToSelf{TResult}"/> for a task without a result.</summary>
    void PipeToSelf(Task task, Func<TMessage> onSuccess, Func<Exception, TMessage> onFailure);

    /// <summary>This actor's timers (Akka's <c>ITimerScheduler</c>); all are cancelled when it stops or restarts.</summary>
    ITimerScheduler<TMessage> Timers { get; }
}
