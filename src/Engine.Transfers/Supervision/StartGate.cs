using System.Globalization;

namespace Engine.Transfers.Supervision;

/// <summary>
/// Back-pressure on starts: at most <c>places</c> starts are with the supervisor at once (each holds a mailbox message,
/// a new actor and a journal write until its order is recorded); the others wait here, asynchronously and cancellably,
/// in roughly arrival order. A burst of 10,000 <c>Start…Async</c> calls therefore just takes its time instead of
/// overflowing a mailbox; only a start that waits longer than <c>timeout</c> fails, with <see cref="EngineBusyException"/>.
/// </summary>
internal sealed class StartGate(int places, TimeSpan timeout, TimeProvider time)
{
    // Never disposed: it uses no wait handle, and a start still running when the engine stops must be able to release.
    private readonly SemaphoreSlim _places = new(places, places);
    private int _waiting;

    /// <summary>Starts waiting for a place now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Runs <paramref name="start"/> once a place is free and frees it when the start is answered.</summary>
    /// <param name="what">The transfer's source, named in the error (e.g. the file of an upload).</param>
    /// <param name="start">Hands the start to the supervisor and waits for the id.</param>
    /// <param name="cancellationToken">Cancels the wait (and the start).</param>
    /// <exception cref="EngineBusyException">No place was free within the timeout.</exception>
    public async Task<T> RunAsync<T>(string what, Func<Task<T>> start, CancellationToken cancellationToken)
    {
        await EnterAsync(what, cancellationToken).ConfigureAwait(false);
        try
        {
            return await start().ConfigureAwait(false);
        }
        finally
        {
            _places.Release();
        }
    }

    private async Task EnterAsync(string what, CancellationToken cancellationToken)
    {
        if (_places.Wait(0, CancellationToken.None)) return;
        Interlocked.Increment(ref _waiting);
        using var expiry = new CancellationTokenSource(timeout, time);
        using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await _places.WaitAsync(either.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new EngineBusyException(string.Format(CultureInfo.InvariantCulture,
                "The engine is busy: starting the transfer of '{0}' waited {1} (engine.supervisor.start-timeout) for one of the {2} places of " +
                "engine.supervisor.max-pending-starts, with {3} other starts waiting, while the journal recorded earlier starts. Nothing was recorded: " +
                "retry later, start fewer transfers at once, or raise engine.supervisor.start-timeout.", what, timeout, places, Waiting - 1));
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }
}
