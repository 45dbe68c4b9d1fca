namespace Engine.Actors.Core;

/// <summary>Lifecycle and supervision messages between cells; they bypass the bound and are handled before user messages.</summary>
internal abstract class SystemMessage;

/// <summary>Create the first instance and run PreStart.</summary>
internal sealed class CreateActor : SystemMessage
{
    public static readonly CreateActor Instance = new();
}

/// <summary>A child failed; the parent's strategy decides.</summary>
internal sealed class Failed(ActorCell child, Exception cause, object? message) : SystemMessage
{
    public ActorCell Child { get; } = child;
    public Exception Cause { get; } = cause;
    public object? Message { get; } = message;
}

/// <summary>The parent decided: continue with the next message.</summary>
internal sealed class ResumeActor : SystemMessage
{
    public static readonly ResumeActor Instance = new();
}

/// <summary>The parent decided: replace the instance, keep the mailbox.</summary>
internal sealed class RestartActor(Exception cause, object? message) : SystemMessage
{
    public Exception Cause { get; } = cause;
    public object? Message { get; } = message;
}

/// <summary>Stop; <see cref="Graceful"/> drains the mailbox first; <see cref="Failure"/> says why, if it was not a normal stop.</summary>
internal sealed class StopActor(bool graceful, Exception? failure) : SystemMessage
{
    public static readonly StopActor Now = new(false, null);
    public static readonly StopActor Gracefully = new(true, null);
    public bool Graceful { get; } = graceful;
    public Exception? Failure { get; } = failure;
}

/// <summary>A child has terminated.</summary>
internal sealed class ChildTerminated(ActorCell child, Exception? failure) : SystemMessage
{
    public ActorCell Child { get; } = child;
    public Exception? Failure { get; } = failure;
}

/// <summary>An actor this cell watches has terminated.</summary>
internal sealed class WatchedTerminated(ActorCell target) : SystemMessage
{
    public ActorCell Target { get; } = target;
}
