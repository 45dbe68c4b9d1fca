namespace Engine.Actors.Core;

/// <summary>
/// A message the runtime puts into an actor's user mailbox for the actor's own machinery (a timer firing, a
/// journal reply, a recovery step). It bypasses the mailbox bound and is handled before <c>Receive</c> sees it.
/// </summary>
internal abstract class RuntimeMessage
{
    /// <summary>Handles the message in the actor instance, on the actor's turn.</summary>
    public abstract void Deliver(object actor);

    /// <summary>Releases what the message holds when it is never delivered (the actor stopped first).</summary>
    public virtual void Discard() { }

    /// <summary>Whether a draining (closed) mailbox still takes it: replies to work in flight do, new timer ticks do not.</summary>
    public virtual bool AcceptedWhenClosed => true;
}

/// <summary>Rethrows, on the actor's turn, a failure that happened outside it (e.g. a PipeToSelf mapping), so supervision sees it.</summary>
internal sealed class FailureMessage(Exception failure) : RuntimeMessage
{
    public override void Deliver(object actor) =>
        throw new InvalidOperationException($"Work piped to the actor failed outside its turn: {failure.Message}", failure);
}
