namespace Engine.Actors.Persistence;

/// <summary>Starts a journal or snapshot-store call so that a synchronous throw becomes a faulted task like any other failure.</summary>
internal static class JournalCall
{
    public static Task<T> Start<T>(Func<Task<T>> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            return Task.FromException<T>(ex);
        }
    }

    public static Task Start(Func<Task> call)
    {
        try
        {
            return call();
        }
        catch (Exception ex)
        {
            return Task.FromException(ex);
        }
    }
}
