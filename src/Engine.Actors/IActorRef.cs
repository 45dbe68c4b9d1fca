namespace Engine.Actors;

/// <summary>
/// The identity of an actor, whatever messages it takes (Akka's <c>IActorRef</c> without the ability to send):
/// what <see cref="IActorContext{TMessage}.Watch"/>, <see cref="IActorContext{TMessage}.Stop"/> and
/// <see cref="ActorSystem.WhenStopped"/> work with.
/// </summary>
public interface IActorRef
{
    /// <summary>Where the actor lives in the hierarchy, e.g. <c>/user/transfers/upload-7f3a</c>.</summary>
    string Path { get; }

    /// <summary>The system the actor belongs to (its clock and logging serve <c>Ask</c> timeouts).</summary>
    ActorSystem System { get; }
}

/// <summary>
/// A typed reference to an actor that takes <typeparamref name="TMessage"/> (Akka.Typed's <c>IActorRef&lt;T&gt;</c>).
/// Contravariant: a reference to an actor taking a base type can stand where a reference for a derived reply type
/// is asked for, so a reply can be addressed to the asker directly.
/// </summary>
public interface IActorRef<in TMessage> : IActorRef
{
    /// <summary>
    /// Enqueues <paramref name="message"/> and returns at once; never blocks. When the actor is stopped, or its
    /// bounded mailbox is full, the message becomes a dead letter (counted in <see cref="ActorSystem.DeadLetterCount"/> and logged).
    /// </summary>
    void Tell(TMessage message);
}
