using Engine.Actors.Core;

namespace Engine.Actors;

/// <summary>Akka's <c>PipeTo</c>: send a task's outcome to an actor as a message. Inside an actor, prefer <c>Context.PipeToSelf</c>.</summary>
public static class PipeToExtensions
{
    /// <summary>
    /// When <paramref name="task"/> completes, tells <paramref name="target"/> the message made by
    /// <paramref name="onSuccess"/> or <paramref name="onFailure"/>. The mapping functions run on the completing
    /// thread. If a mapping function throws, the target receives nothing and the failure is logged.
    /// </summary>
    public static void PipeTo<TResult, TMessage>(this Task<TResult> task, IActorRef<TMessage> target,
        Func<TResult, TMessage> onSuccess, Func<Exception, TMessage> onFailure)
    {
        ArgumentNullException.ThrowIfNull(target);
        TaskOutcome.Deliver(task, onSuccess, onFailure, target.Tell, ex => target.System.LogPipeFailure(target, ex));
    }

    /// <summary>As <see cref="PipeTo{TResult, TMessage}"/> for a task without a result.</summary>
    public static void PipeTo<TMessage>(this Task task, IActorRef<TMessage> target, Func<TMessage> onSuccess, Func<Exception, TMessage> onFailure)
    {
        ArgumentNullException.ThrowIfNull(target);
        TaskOutcome.Deliver(task, onSuccess, onFailure, target.Tell, ex => target.System.LogPipeFailure(target, ex));
    }
}
