using Engine.Actors.Core;

namespace Engine.Actors;

/// <summary>Request-reply from outside an actor (Akka.Typed's <c>Ask</c>).</summary>
public static class AskExtensions
{
    /// <summary>
    /// Sends the request made by <paramref name="createRequest"/> (which receives a temporary reply-to reference)
    /// and completes with the first reply. Fails with <see cref="AskTimeoutException"/> if none arrives within
    /// <paramref name="timeout"/> on the system's clock. Inside an actor, pipe the returned task to yourself rather
    /// than awaiting it. Example: <c>await upload.Ask((IActorRef&lt;Status&gt; replyTo) =&gt; new GetStatus(replyTo), TimeSpan.FromSeconds(5))</c>.
    /// </summary>
    public static Task<TReply> Ask<TMessage, TReply>(this IActorRef<TMessage> target, Func<IActorRef<TReply>, TMessage> createRequest,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(createRequest);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var promise = new PromiseActorRef<TReply>(target, timeout, cancellationToken);
        target.Tell(createRequest(promise));
        return promise.Task;
    }
}
