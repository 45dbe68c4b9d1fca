namespace Engine.TestKit;

/// <summary>Waiting for a state that another thread brings about (Akka.TestKit's <c>AwaitCondition</c>).</summary>
public static class Conditions
{
    /// <summary>
    /// Polls <paramref name="condition"/> until it holds; fails after <paramref name="timeout"/> (real time,
    /// default 10 s) naming <paramref name="what"/>.
    /// </summary>
    public static async Task AwaitAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? TimeSpan.FromSeconds(10);
        using var cancellation = new CancellationTokenSource(limit);
        while (!condition())
        {
            if (cancellation.IsCancellationRequested) throw new Xunit.Sdk.XunitException($"Timed out after {limit} waiting until {what}.");
            await Task.Delay(2).ConfigureAwait(false);
        }
    }
}
