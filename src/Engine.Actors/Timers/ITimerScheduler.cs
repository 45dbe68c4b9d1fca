namespace Engine.Actors.Timers;

/// <summary>
/// An actor's timers (Akka's <c>ITimerScheduler</c>), driven by <see cref="ActorSystemOptions.TimeProvider"/> so
/// tests move time by hand. Each timer has a key; starting a timer with a key in use replaces it, and a message
/// of a cancelled or replaced timer is never delivered, even if it was already queued. Use only from the actor's
/// own handlers.
/// </summary>
public interface ITimerScheduler<in TMessage>
{
    /// <summary>Delivers <paramref name="message"/> once, after <paramref name="delay"/>.</summary>
    void StartSingleTimer(object key, TMessage message, TimeSpan delay);

    /// <summary>Delivers <paramref name="message"/> every <paramref name="interval"/>, the first time after <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, TMessage message, TimeSpan interval);

    /// <summary>Delivers <paramref name="message"/> after <paramref name="initialDelay"/>, then every <paramref name="interval"/>.</summary>
    void StartPeriodicTimer(object key, TMessage message, TimeSpan initialDelay, TimeSpan interval);

    /// <summary>Whether a timer with <paramref name="key"/> is armed (a single timer stops being active once delivered).</summary>
    bool IsTimerActive(object key);

    /// <summary>Cancels the timer with <paramref name="key"/>, if any.</summary>
    void Cancel(object key);

    /// <summary>Cancels every timer.</summary>
    void CancelAll();
}
