using Microsoft.Extensions.Logging;

namespace Engine.Actors.Core;

/// <summary>
/// Messages that could not be delivered (recipient stopped, mailbox full): counted and logged with their type
/// only, never their content (messages may carry capabilities such as session URIs).
/// </summary>
internal sealed class DeadLetters(ILogger logger)
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Publish(object message, IActorRef recipient, string reason)
    {
        Interlocked.Increment(ref _count);
        logger.LogWarning("Dead letter: {MessageType} to {Recipient} was not delivered because {Reason}",
            message.GetType().Name, recipient.Path, reason);
    }
}
