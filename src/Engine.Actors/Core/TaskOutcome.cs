namespace Engine.Actors.Core;

/// <summary>Turns a task's outcome into a message (the one implementation behind PipeTo and PipeToSelf).</summary>
internal static class TaskOutcome
{
    public static void Deliver<TResult, TMessage>(Task<TResult> task, Func<TResult, TMessage> onSuccess, Func<Exception, TMessage> onFailure,
        Action<TMessage> deliver, Action<Exception> mappingFailed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        task.ContinueWith(t => Complete(t, () => onSuccess(t.Result), onFailure, deliver, mappingFailed),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    public static void Deliver<TMessage>(Task task, Func<TMessage> onSuccess, Func<Exception, TMessage> onFailure,
        Action<TMessage> deliver, Action<Exception> mappingFailed)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(onSuccess);
        ArgumentNullException.ThrowIfNull(onFailure);
        task.ContinueWith(t => Complete(t, onSuccess, onFailure, deliver, mappingFailed),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static void Complete<TMessage>(Task task, Func<TMessage> onSuccess, Func<Exception, TMessage> onFailure,
        Action<TMessage> deliver, Action<Exception> mappingFailed)
    {
        TMessage message;
        try
        {
            message = task.IsCompletedSuccessfully ? onSuccess() : onFailure(Unwrap(task));
        }
        catch (Exception ex)
        {
            mappingFailed(ex);
            return;
        }
        deliver(message);
    }

    /// <summary>The task's single exception, or a <see cref="TaskCanceledException"/> when it was cancelled.</summary>
    public static Exception Unwrap(Task task) => task.Exception switch
    {
        { InnerExceptions.Count: 1 } aggregate => aggregate.InnerExceptions[0],
        { } aggregate => aggregate,
        null => new TaskCanceledException(task),
    };
}
