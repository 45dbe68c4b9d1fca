namespace Engine.Actors;

/// <summary>How to create an actor (Akka's <c>Props</c>): a factory, called again on every restart, and mailbox settings.</summary>
/// <typeparam name="TMessage">The messages the actor takes.</typeparam>
public sealed record Props<TMessage>
{
    internal Props(Func<Actor<TMessage>> factory) => Factory = factory;

    internal Func<Actor<TMessage>> Factory { get; }

    /// <summary>
    /// Most user messages the mailbox holds; <c>null</c> takes <see cref="ActorSystemOptions.DefaultMailboxCapacity"/>.
    /// A <c>Tell</c> to a full mailbox does not block: the message becomes a dead letter.
    /// </summary>
    public int? MailboxCapacity { get; init; }

    /// <summary>A copy with another mailbox capacity.</summary>
    public Props<TMessage> WithMailboxCapacity(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        return this with { MailboxCapacity = capacity };
    }
}

/// <summary>Creates <see cref="Props{TMessage}"/>: <c>Props.Create&lt;MyCommand&gt;(() =&gt; new MyActor(dependency))</c>.</summary>
public static class Props
{
    /// <summary>Props whose actors are made by <paramref name="factory"/>; it must return a new instance on every call.</summary>
    public static Props<TMessage> Create<TMessage>(Func<Actor<TMessage>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props<TMessage>(factory);
    }
}
