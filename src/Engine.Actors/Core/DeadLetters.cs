using Microsoft.Extensions.Logging;

namespace Engine.Actors.Core;

/// <summary>
/// Messages that could not be delivered (recipient stopped, mailbox full, late ask reply): all counted; logged
/// with their type only, never their content (messages may carry capabilities such as session URIs). Like
/// Akka's <c>log-dead-letters</c>, only the first <see cref="LoggedInFull"/> are logged one by one, then every
/// <see cref="LogEvery"/>th, so an overloaded actor cannot flood the log.
/// </summary>
internal sealed class DeadLetters(ILogger logger)
{
    internal const int LoggedInFull = 10;
    internal const int LogEvery = 1_000;

    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Publish(object message, IActorRef recipient, string reason)
    {
        var count = Interlocked.Increment(ref _count);
        if (count <= LoggedInFull || count % LogEvery == 0)
            logger.LogWarning("Dead letter #{Count}: {MessageType} to {Recipient} was not delivered because {Reason} (after the first {LoggedInFull}, only every {LogEvery}th dead letter is logged)",
                count, message.GetType().Name, recipient.Path, reason, LoggedInFull, LogEvery);
    }
}
