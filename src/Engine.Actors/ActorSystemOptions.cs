using Engine.Actors.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Engine.Actors;

/// <summary>Settings of an <see cref="ActorSystem"/>.</summary>
public sealed record ActorSystemOptions
{
    /// <summary>The only clock actors use (timers, ask timeouts, backoff, event timestamps); tests pass a manual one.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the runtime and actors log; nothing is logged by default.</summary>
    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    /// <summary>
    /// Mailbox bound for actors whose <see cref="Props{TMessage}.MailboxCapacity"/> is not set. Overflow policy: a
    /// <c>Tell</c> never blocks; a message over the bound is a dead letter (counted and logged). System messages
    /// (stop, supervision, watch) and replies to work the actor started itself (persistence, <c>PipeToSelf</c>,
    /// timers) bypass the bound, so an actor never loses track of its own work.
    /// </summary>
    public int DefaultMailboxCapacity { get; init; } = 10_000;

    /// <summary>
    /// How many messages an actor processes in one turn on a pool thread before yielding it to other actors
    /// (Akka's dispatcher throughput): fairness against latency.
    /// </summary>
    public int Throughput { get; init; } = 100;

    /// <summary>Journal, snapshot store and recovery limits for persistent actors.</summary>
    public PersistenceOptions Persistence { get; init; } = new();
}
