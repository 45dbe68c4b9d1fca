namespace Engine.Actors.Supervision;

/// <summary>
/// Decides, per exception a child throws, what happens to that child (Akka's <c>OneForOneStrategy</c>: only the
/// failing child is affected). An actor declares it by overriding <see cref="Actor{TMessage}.SupervisorStrategy"/>.
/// </summary>
public sealed class SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    /// <param name="decider">Maps an exception to a directive; if it throws, the failure is escalated.</param>
    public SupervisorStrategy(Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        _decider = decider;
    }

    /// <summary>
    /// Akka's default: an actor that cannot start (<see cref="ActorInitializationException"/>) is stopped, any
    /// other exception restarts the child.
    /// </summary>
    public static SupervisorStrategy Default { get; } = new(ex => ex is ActorInitializationException ? Directive.Stop : Directive.Restart);

    /// <summary>Stops a child on any exception (Akka's <c>StoppingSupervisorStrategy</c>).</summary>
    public static SupervisorStrategy Stopping { get; } = new(_ => Directive.Stop);

    /// <summary>The directive for <paramref name="exception"/>.</summary>
    public Directive Decide(Exception exception) => _decider(exception);
}
