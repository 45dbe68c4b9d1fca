namespace Engine.Actors.Core;

/// <summary>The temporary reply-to reference of one <c>Ask</c>: the first message completes the task, later ones are dead letters.</summary>
internal sealed class PromiseActorRef<TReply> : IActorRef<TReply>
{
    private readonly TaskCompletionSource<TReply> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ITimer _timeout;
    private readonly CancellationTokenRegistration _cancellation;

    public PromiseActorRef(IActorRef target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        System = target.System;
        Path = target.Path + "/$ask";
        _timeout = System.TimeProvider.CreateTimer(_ => Complete(() => _completion.TrySetException(new AskTimeoutException(
            $"Ask to {target.Path} timed out after {timeout}: no {typeof(TReply).Name} arrived. The actor may be overloaded, stopped, or not reply to this request."))),
            null, timeout, Timeout.InfiniteTimeSpan);
        _cancellation = cancellationToken.Register(() => Complete(() => _completion.TrySetCanceled(cancellationToken)));
    }

    public string Path { get; }

    public ActorSystem System { get; }

    public Task<TReply> Task => _completion.Task;

    public void Tell(TReply message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!Complete(() => _completion.TrySetResult(message)))
            System.DeadLetters.Publish(message, this, "the ask it answers has already completed or timed out");
    }

    private bool Complete(Func<bool> complete)
    {
        if (!complete()) return false;
        _timeout.Dispose();
        _cancellation.Dispose();
        return true;
    }
}
