using Engine.TestKit;

namespace Engine.Protocol.Tests.Support;

/// <summary>
/// Moves a <see cref="ManualTimeProvider"/> forward in small steps until a task completes, yielding real time between
/// steps so continuations can arm their timers. Work never happens earlier than its due time; a generous real-time
/// bound turns a hang into a clear failure instead of a stuck test run.
/// </summary>
public static class ClockDriver
{
    public static async Task<T> RunAsync<T>(ManualTimeProvider clock, Task<T> task, TimeSpan? step = null, TimeSpan? simulatedLimit = null)
    {
        var increment = step ?? TimeSpan.FromMilliseconds(250);
        var limit = simulatedLimit ?? TimeSpan.FromDays(2);
        var start = clock.GetUtcNow();
        var realBound = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(2));
            if (task.IsCompleted) break;
            if (clock.GetUtcNow() - start > limit || DateTime.UtcNow > realBound)
                throw new TimeoutException($"The task did not complete within {limit} of simulated time (real-time guard 60 s).");
            clock.Advance(increment);
        }
        return await task;
    }
}
