using Engine.Actors.Core;
using Microsoft.Extensions.Logging;

namespace Engine.Actors.Supervision;

/// <summary>
/// Keeps one child alive with exponential backoff (Akka's <c>BackoffSupervisor</c>). Messages sent to the
/// supervisor are forwarded to the child. When the child stops with a failure (it threw, or a persistent actor hit a
/// journal failure), the supervisor waits <see cref="BackoffOptions{TMessage}.Delay"/> and starts it again, which
/// for a persistent actor means it recovers from the journal; messages arriving meanwhile are stashed and
/// forwarded once it runs again (Akka would drop them). When the child stops normally (<c>Context.Stop(Self)</c>),
/// its work is done and the supervisor stops too.
/// </summary>
public static class BackoffSupervisor
{
    /// <summary>Props of a supervisor for the child described by <paramref name="options"/>.</summary>
    public static Props<TMessage> Props<TMessage>(BackoffOptions<TMessage> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Actors.Props.Create(() => new BackoffSupervisorActor<TMessage>(options));
    }
}

/// <summary>The actor behind <see cref="BackoffSupervisor.Props"/>.</summary>
internal sealed class BackoffSupervisorActor<TMessage>(BackoffOptions<TMessage> options) : Actor<TMessage>
{
    private const string RestartTimer = "restart-child", ResetTimer = "reset-backoff";

    private IActorRef<TMessage>? _child;
    private int _restartCount;

    // Failures stop the child, so they arrive here as a stop with a cause and become a backoff restart.
    protected internal override SupervisorStrategy SupervisorStrategy => SupervisorStrategy.Stopping;

    protected internal override void PreStart() => StartChild();

    protected override void Receive(TMessage message)
    {
        if (_child is null) Context.Stash();
        else _child.Tell(message);
    }

    internal override void OnChildTerminated(IActorRef child, Exception? failure)
    {
        if (child != _child) return;
        _child = null;
        Cell.Scheduler.Cancel(ResetTimer);
        if (failure is null)
        {
            Context.Stop(Self);
            return;
        }
        var delay = options.Delay(_restartCount++);
        // The failure itself was logged where it happened; this records the decision.
        Log.LogWarning("{Child} stopped with a failure ({Reason}); restart {Count} in {Delay}", child.Path, failure.GetType().Name, _restartCount, delay);
        Cell.Scheduler.StartSingleTimer(RestartTimer, new SupervisorTick(this, restart: true), delay);
    }

    private void StartChild()
    {
        _child = Context.ActorOf(options.ChildProps, options.ChildName);
        Cell.Scheduler.StartSingleTimer(ResetTimer, new SupervisorTick(this, restart: false), options.ResetBackoffAfter);
        Context.UnstashAll();
    }

    /// <summary>The backoff elapsed (restart the child) or the child ran long enough (reset the count).</summary>
    private sealed class SupervisorTick(BackoffSupervisorActor<TMessage> owner, bool restart) : RuntimeMessage
    {
        public override void Deliver(object actor)
        {
            if (actor != owner) return;
            if (restart) owner.StartChild();
            else owner._restartCount = 0;
        }

        public override bool AcceptedWhenClosed => false;
    }
}
